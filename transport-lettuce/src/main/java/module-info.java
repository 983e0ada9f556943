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
    // Lettuce is an automatic module: it reads whatever is resolved but makes nothing resolve.
    // These Netty modules it needs at run time (TLS, DNS resolution) are resolved through here,
    // so an application on the module path needs only `requires dev.falkor.orm.transport.lettuce`.
    requires io.netty.handler;
    requires io.netty.resolver.dns;
    requires org.slf4j;

    provides TransportProvider with LettuceTransportProvider;
}
