package dev.falkor.orm.cache.caffeine;

import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.cache.ResultCacheConfig;
import dev.falkor.orm.spi.cache.ResultCacheProvider;

/**
 * {@link ResultCacheProvider} named {@code caffeine}: results kept in this JVM, at most
 * {@link ResultCacheConfig#maximumEntries()} of them (least useful evicted first), each for its
 * time to live. Invalidations are seen by this JVM only: for several application instances on
 * one graph, use {@code cache-redis}.
 */
public final class CaffeineResultCacheProvider implements ResultCacheProvider {
    @Override
    public String name() {
        return "caffeine";
    }

    @Override
    public ResultCache create(ResultCacheConfig config) {
        return new CaffeineResultCache(config);
    }
}
