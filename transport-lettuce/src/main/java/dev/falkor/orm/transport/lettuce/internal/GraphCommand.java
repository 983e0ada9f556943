package dev.falkor.orm.transport.lettuce.internal;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One command sent through Lettuce's custom-command dispatch, which knows whether its bytes
 * have all reached the socket ({@link #written()}): a command that has not was never run by
 * the server (it only runs commands it has received completely), so a failure before that point
 * is reported as not sent.
 */
final class GraphCommand extends Command<byte[], byte[], Object> {
    private volatile boolean written;

    private GraphCommand(ProtocolKeyword type, CommandArgs<byte[], byte[]> args) {
        super(type, new ReplyTree(), args);
    }

    /**
     * The command {@code name} with {@code args}; the first argument is the command's key (the
     * graph) when {@code keyed}, so a cluster connection routes it to the shard holding it.
     */
    static GraphCommand of(String name, byte[][] args, boolean keyed) {
        CommandArgs<byte[], byte[]> a = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        for (int i = 0; i < args.length; i++) {
            if (i == 0 && keyed) {
                a.addKey(args[0]);
            } else {
                a.add(args[i]);
            }
        }
        return new GraphCommand(new Keyword(name), a);
    }

    /** Whether every byte of the command was handed to the socket. */
    boolean written() {
        return written;
    }

    void markWritten() {
        written = true;
    }

    @Override
    public void encode(ByteBuf buf) {
        super.encode(buf);
        WriteTracker.encoded(this);
    }

    /** A command name as Lettuce sends it. */
    private record Keyword(String text, byte[] bytes) implements ProtocolKeyword {
        Keyword(String text) {
            this(text, text.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public byte[] getBytes() {
            return bytes;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
