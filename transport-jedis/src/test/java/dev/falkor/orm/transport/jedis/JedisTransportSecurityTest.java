package dev.falkor.orm.transport.jedis;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.TransportSecurityContract;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;

class JedisTransportSecurityTest extends TransportSecurityContract {
    @Override
    protected TransportProvider provider() {
        return new JedisTransportProvider();
    }
}
