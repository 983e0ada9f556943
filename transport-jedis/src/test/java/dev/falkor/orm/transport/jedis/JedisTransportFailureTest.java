package dev.falkor.orm.transport.jedis;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportFailureContract;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;

class JedisTransportFailureTest extends TransportFailureContract {
    @Override
    protected TransportProvider provider() {
        return new JedisTransportProvider();
    }
}
