package dev.falkor.orm.transport.jedis;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportContract;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;

class JedisTransportContractTest extends TransportContract {
    @Override
    protected TransportProvider provider() {
        return new JedisTransportProvider();
    }
}
