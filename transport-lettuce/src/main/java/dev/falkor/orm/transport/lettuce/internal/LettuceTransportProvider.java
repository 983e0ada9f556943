package dev.falkor.orm.transport.lettuce.internal;

import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;

/** {@link TransportProvider} named {@code lettuce}. */
public final class LettuceTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "lettuce";
    }

    @Override
    public Transport create(TransportConfig config) {
        return new LettuceTransport(config);
    }
}
