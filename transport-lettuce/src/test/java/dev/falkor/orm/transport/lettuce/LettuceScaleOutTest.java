package dev.falkor.orm.transport.lettuce;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.testkit.ScaleOutContract;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;

class LettuceScaleOutTest extends ScaleOutContract {
    @Override
    protected TransportProvider provider() {
        return new LettuceTransportProvider();
    }

    @Override
    protected boolean routesReadsToReplicas() {
        return true;
    }
}
