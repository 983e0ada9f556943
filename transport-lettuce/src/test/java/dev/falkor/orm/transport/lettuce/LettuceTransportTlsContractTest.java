package dev.falkor.orm.transport.lettuce;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportTlsContract;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;

class LettuceTransportTlsContractTest extends TransportTlsContract {
    @Override
    protected TransportProvider provider() {
        return new LettuceTransportProvider();
    }
}
