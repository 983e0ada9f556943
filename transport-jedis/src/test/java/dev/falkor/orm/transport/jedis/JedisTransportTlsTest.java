package dev.falkor.orm.transport.jedis;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportTlsContract;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;

class JedisTransportTlsTest extends TransportTlsContract {
    @Override
    protected TransportProvider provider() {
        return new JedisTransportProvider();
    }
}
