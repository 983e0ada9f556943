package dev.falkor.orm.cache.redis;

import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.cache.ResultCacheConfig;
import dev.falkor.orm.spi.cache.ResultCacheProvider;

/**
 * {@link ResultCacheProvider} named {@code redis}: results and region versions kept in the Redis
 * of {@link ResultCacheConfig#redis()} (the mapper passes its own server's settings when none is
 * given), shared by every JVM pointing at it.
 */
public final class RedisResultCacheProvider implements ResultCacheProvider {
    @Override
    public String name() {
        return "redis";
    }

    @Override
    public ResultCache create(ResultCacheConfig config) {
        return new RedisResultCache(config);
    }
}
