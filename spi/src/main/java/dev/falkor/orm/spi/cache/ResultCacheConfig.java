package dev.falkor.orm.spi.cache;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.spi.TransportConfig;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a result cache.
 *
 * @param maximumEntries how many results a bounded (in-memory) cache keeps at most
 * @param clock          the time entries expire by (inject a fixed or moving clock in tests)
 * @param redis          where a Redis-backed cache keeps its entries and versions; {@code null}
 *                       for in-memory caches (a Redis cache then uses the mapper's own server)
 * @param keyPrefix      prefix of every key a Redis-backed cache writes
 */
public record ResultCacheConfig(long maximumEntries, Clock clock, TransportConfig redis, String keyPrefix) {
    public ResultCacheConfig {
        if (maximumEntries < 1) {
            throw new ConfigurationException("The cache's maximumEntries must be at least 1, was " + maximumEntries);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** 10,000 entries, the system clock, no Redis of its own, keys under {@code falkor-orm:cache:}. */
    public static ResultCacheConfig defaults() {
        return new ResultCacheConfig(10_000, Clock.systemUTC(), null, "falkor-orm:cache:");
    }

    public ResultCacheConfig withMaximumEntries(long n) {
        return new ResultCacheConfig(n, clock, redis, keyPrefix);
    }

    public ResultCacheConfig withClock(Clock c) {
        return new ResultCacheConfig(maximumEntries, c, redis, keyPrefix);
    }

    public ResultCacheConfig withRedis(TransportConfig r) {
        return new ResultCacheConfig(maximumEntries, clock, r, keyPrefix);
    }

    public ResultCacheConfig withKeyPrefix(String p) {
        return new ResultCacheConfig(maximumEntries, clock, redis, p);
    }
}
