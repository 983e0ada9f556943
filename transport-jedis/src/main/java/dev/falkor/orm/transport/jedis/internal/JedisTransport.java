package dev.falkor.orm.transport.jedis.internal;

import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.wire.ServerErrorReply;
import dev.falkor.orm.spi.wire.WireTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Moves bytes with a {@link JedisPool}; all FalkorDB logic lives in {@link WireTransport}.
 * RESP2 is forced so the reply shape does not depend on the server's default protocol.
 */
final class JedisTransport extends WireTransport {
    private final JedisPool pool;

    JedisTransport(TransportConfig config) {
        super(config);
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .resp2()
                .connectionTimeoutMillis(millis(config.connectTimeout()))
                .socketTimeoutMillis(millis(config.socketTimeout()))
                .ssl(config.ssl())
                .clientName("falkor-orm");
        if (config.username() != null) {
            client.user(config.username());
        }
        if (config.password() != null) {
            client.password(config.password());
        }
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(config.poolSize());
        poolConfig.setMaxIdle(config.poolSize());
        poolConfig.setMinIdle(0);
        poolConfig.setJmxEnabled(false);
        poolConfig.setMaxWait(config.connectTimeout().plus(config.socketTimeout()));
        this.pool = new JedisPool(poolConfig, new HostAndPort(config.host(), config.port()), client.build());
    }

    @Override
    protected Object send(String command, List<String> arguments) {
        byte[][] args = new byte[arguments.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = arguments.get(i).getBytes(StandardCharsets.UTF_8);
        }
        byte[] name = command.getBytes(StandardCharsets.US_ASCII);
        ProtocolCommand cmd = () -> name;
        try (Jedis jedis = pool.getResource()) {
            return normalize(jedis.sendCommand(cmd, args));
        } catch (JedisDataException e) {
            throw new ServerErrorReply(e.getMessage(), e);
        } catch (JedisConnectionException e) {
            throw new ConnectionException("Cannot talk to FalkorDB at " + config() + ": " + e.getMessage(), e);
        } catch (JedisException e) {
            throw new ConnectionException("Jedis failed talking to FalkorDB at " + config() + ": " + e.getMessage(), e);
        }
    }

    private static Object normalize(Object raw) {
        if (raw instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (raw instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(normalize(o));
            }
            return out;
        }
        if (raw instanceof JedisDataException e) {
            // an error nested in an array reply
            throw new ServerErrorReply(e.getMessage(), e);
        }
        return raw; // Long, Double (RESP3), null
    }

    @Override
    public String providerName() {
        return "jedis";
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(pool)) {
            return type.cast(pool);
        }
        return super.unwrap(type);
    }

    @Override
    public void close() {
        pool.close();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
