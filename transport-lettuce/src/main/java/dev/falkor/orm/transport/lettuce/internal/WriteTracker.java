package dev.falkor.orm.transport.lettuce.internal;

import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns when a command's bytes have left for the server. Lettuce's encoder turns commands into
 * a buffer and writes it on, synchronously, on the channel's event-loop thread; this handler sits
 * right after the encoder, takes the commands encoded into the buffer it is handed, and marks
 * them written when Netty reports the buffer written to the socket.
 */
final class WriteTracker extends ChannelOutboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WriteTracker.class);
    /** Commands encoded on this event-loop thread into the buffer being written now. */
    private static final ThreadLocal<List<GraphCommand>> ENCODED = ThreadLocal.withInitial(ArrayList::new);

    /** Adds the tracker to every channel Lettuce opens. */
    static final NettyCustomizer CUSTOMIZER = new NettyCustomizer() {
        @Override
        public void afterChannelInitialized(Channel channel) {
            String encoder = null;
            for (var entry : channel.pipeline()) {
                if (entry.getValue() instanceof CommandEncoder) {
                    encoder = entry.getKey();
                }
            }
            if (encoder == null) {
                LOG.debug("No Lettuce CommandEncoder in the pipeline of {}: failures are reported with an unknown "
                        + "outcome", channel);
                return;
            }
            channel.pipeline().addBefore(encoder, "falkor-orm-write-tracker", new WriteTracker());
        }
    };

    static void encoded(GraphCommand command) {
        ENCODED.get().add(command);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        List<GraphCommand> encoded = ENCODED.get();
        if (encoded.isEmpty()) {
            ctx.write(msg, promise);
            return;
        }
        GraphCommand[] commands = encoded.toArray(new GraphCommand[0]);
        encoded.clear();
        ChannelPromise p = promise.unvoid();
        p.addListener(f -> {
            if (f.isSuccess()) {
                for (GraphCommand c : commands) {
                    c.markWritten();
                }
            }
        });
        ctx.write(msg, p);
    }
}
