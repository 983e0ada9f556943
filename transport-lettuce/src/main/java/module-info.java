import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;

/**
 * FalkorDB transport on Lettuce: one multiplexed, thread-safe connection, natively
 * asynchronous. Found by {@link java.util.ServiceLoader} under the name {@code lettuce}.
 */
module dev.falkor.orm.transport.lettuce {
    requires transitive dev.falkor.orm.spi;
    requires lettuce.core;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires org.slf4j;

    provides TransportProvider with LettuceTransportProvider;
}
