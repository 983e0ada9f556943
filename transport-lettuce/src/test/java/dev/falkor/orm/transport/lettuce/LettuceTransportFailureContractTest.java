package dev.falkor.orm.transport.lettuce;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportFailureContract;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;

class LettuceTransportFailureContractTest extends TransportFailureContract {
    @Override
    protected TransportProvider provider() {
        return new LettuceTransportProvider();
    }
}
