package dev.falkor.orm.cache.redis;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.cache.QueryResultCodec;
import dev.falkor.orm.spi.cache.ResultCacheConfig;
import dev.falkor.orm.spi.cache.VersionedResultCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Entries as Redis strings with a {@code PX} time to live, region versions in one hash per graph,
 * both under {@code <prefix>{<graph>}:...} (the hash tag keeps a graph's keys on one cluster slot,
 * so a lookup reads entry and versions in one script). Entry keys are the SHA-256 of the
 * statement; the statement itself is stored in the entry and compared, so a collision is a miss.
 */
final class RedisResultCache extends VersionedResultCache {
    private static final String LOOKUP = "return {redis.call('GET', KEYS[1]), redis.call('HGETALL', KEYS[2])}";
    private static final String VERSIONS = "return redis.call('HMGET', KEYS[1], unpack(ARGV))";
    private static final String BUMP = "for i = 1, #ARGV do redis.call('HINCRBY', KEYS[1], ARGV[i], 1) end return 1";

    private final RedissonClient client;
    private final RScript script;
    private final String prefix;

    RedisResultCache(ResultCacheConfig config) {
        super(config.clock());
        TransportConfig redis = config.redis();
        if (redis == null) {
            throw new ConfigurationException("The redis result cache needs to know its Redis: give "
                    + "FalkorOrm.builder().cacheRedis(TransportConfig) (or build the mapper from a URL or "
                    + "TransportConfig, whose server it then uses)");
        }
        Config c = new Config();
        c.setCodec(ByteArrayCodec.INSTANCE);
        c.setNettyThreads(2);
        SingleServerConfig server = c.useSingleServer()
                .setAddress((redis.ssl() ? "rediss://" : "redis://") + redis.host() + ":" + redis.port())
                .setConnectTimeout(millis(redis.connectTimeout()))
                .setTimeout(millis(redis.socketTimeout()))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(Math.max(2, redis.poolSize()));
        if (redis.username() != null) {
            c.setUsername(redis.username());
        }
        if (redis.password() != null) {
            c.setPassword(redis.password());
        }
        this.client = Redisson.create(c);
        this.script = client.getScript(ByteArrayCodec.INSTANCE);
        this.prefix = config.keyPrefix();
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private String versionsKey(String graph) {
        return prefix + "{" + graph + "}:v";
    }

    private String entryKey(String graph, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + "{" + graph + "}:e:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[][] bytes(List<String> regions) {
        byte[][] out = new byte[regions.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = regions.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    @Override
    protected long[] versions(String graph, List<String> regions) {
        List<Object> values = script.eval(versionsKey(graph), RScript.Mode.READ_ONLY, VERSIONS,
                RScript.ReturnType.LIST, List.of(versionsKey(graph)), (Object[]) bytes(regions));
        long[] out = new long[regions.size()];
        for (int i = 0; i < out.length && i < values.size(); i++) {
            out[i] = parse(values.get(i));
        }
        return out;
    }

    private static long parse(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Long l) {
            return l;
        }
        return Long.parseLong(new String((byte[]) v, StandardCharsets.US_ASCII));
    }

    @Override
    protected void bump(String graph, List<String> regions) {
        script.eval(versionsKey(graph), RScript.Mode.READ_WRITE, BUMP, RScript.ReturnType.LONG,
                List.of(versionsKey(graph)), (Object[]) bytes(regions));
    }

    @Override
    protected Found find(String graph, String key) {
        List<Object> reply = script.eval(versionsKey(graph), RScript.Mode.READ_ONLY, LOOKUP,
                RScript.ReturnType.LIST, List.of(entryKey(graph, key), versionsKey(graph)));
        if (reply == null || reply.isEmpty() || !(reply.get(0) instanceof byte[] data)) {
            return null;
        }
        Entry entry = QueryResultCodec.decodeEntry(data);
        if (entry == null) {
            return null;
        }
        Map<String, Long> current = new HashMap<>();
        if (reply.size() > 1 && reply.get(1) instanceof List<?> pairs) {
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                current.put(new String((byte[]) pairs.get(i), StandardCharsets.UTF_8), parse(pairs.get(i + 1)));
            }
        }
        List<String> regions = entry.stamp().regions();
        long[] now = new long[regions.size()];
        for (int i = 0; i < now.length; i++) {
            now[i] = current.getOrDefault(regions.get(i), 0L);
        }
        return new Found(entry, now);
    }

    @Override
    protected Entry load(String graph, String key) {
        byte[] data = client.<byte[]>getBucket(entryKey(graph, key), ByteArrayCodec.INSTANCE).get();
        return data == null ? null : QueryResultCodec.decodeEntry(data);
    }

    @Override
    protected void store(String graph, String key, Entry entry, Duration ttl) {
        client.<byte[]>getBucket(entryKey(graph, key), ByteArrayCodec.INSTANCE)
                .set(QueryResultCodec.encodeEntry(entry), ttl);
    }

    @Override
    protected void remove(String graph, String key) {
        client.getBucket(entryKey(graph, key), ByteArrayCodec.INSTANCE).delete();
    }

    @Override
    public void clear() {
        client.getKeys().deleteByPattern(prefix + "*");
    }

    @Override
    public String providerName() {
        return "redis";
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
