package dev.falkor.orm.cache.redis;

import dev.falkor.orm.spi.cache.ResultCacheConfig;
import dev.falkor.orm.spi.cache.ResultCacheProvider;
import dev.falkor.orm.testkit.ResultCacheContract;
import dev.falkor.orm.testkit.SharedServer;

/** The contract against the test run's server (a Redis with FalkorDB loaded serves as the cache's Redis). */
class RedisResultCacheTest extends ResultCacheContract {
    @Override
    protected ResultCacheProvider provider() {
        return new RedisResultCacheProvider();
    }

    @Override
    protected ResultCacheConfig config() {
        return ResultCacheConfig.defaults().withRedis(SharedServer.config());
    }

    @Override
    protected boolean shared() {
        return true;
    }
}
