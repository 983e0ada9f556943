package dev.falkor.orm.transport.jedis.internal;

import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;

/** {@link TransportProvider} named {@code jedis}. */
public final class JedisTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "jedis";
    }

    @Override
    public Transport create(TransportConfig config) {
        return new JedisTransport(config);
    }
}
