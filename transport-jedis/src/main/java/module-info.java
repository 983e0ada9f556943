import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;

/**
 * FalkorDB transport on Jedis with a connection pool. Found by {@link java.util.ServiceLoader}
 * under the name {@code jedis}.
 */
module dev.falkor.orm.transport.jedis {
    requires transitive dev.falkor.orm.spi;
    requires redis.clients.jedis;
    requires org.apache.commons.pool2;
    requires org.slf4j;

    provides TransportProvider with JedisTransportProvider;
}
