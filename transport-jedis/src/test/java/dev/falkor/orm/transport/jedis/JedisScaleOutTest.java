package dev.falkor.orm.transport.jedis;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.ScaleOutContract;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;

class JedisScaleOutTest extends ScaleOutContract {
    @Override
    protected TransportProvider provider() {
        return new JedisTransportProvider();
    }

    @Override
    protected boolean routesReadsToReplicas() {
        return false;
    }
}
