package dev.falkor.orm.transport.lettuce;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportSecurityContract;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;

class LettuceTransportSecurityContractTest extends TransportSecurityContract {
    @Override
    protected TransportProvider provider() {
        return new LettuceTransportProvider();
    }
}
