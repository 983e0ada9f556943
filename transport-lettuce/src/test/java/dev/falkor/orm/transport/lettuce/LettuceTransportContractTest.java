package dev.falkor.orm.transport.lettuce;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportContract;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;

class LettuceTransportContractTest extends TransportContract {
    @Override
    protected TransportProvider provider() {
        return new LettuceTransportProvider();
    }
}
