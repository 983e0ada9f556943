import dev.falkor.orm.cache.redis.RedisResultCacheProvider;
import dev.falkor.orm.spi.cache.ResultCacheProvider;

/**
 * The result cache in Redis, on Redisson: shared by every JVM using the same Redis, with a time
 * to live per entry and region versions in Redis, so an invalidation by one application instance
 * is seen by all at once. Found by {@link java.util.ServiceLoader} under the name {@code redis}.
 */
module dev.falkor.orm.cache.redis {
    requires transitive dev.falkor.orm.spi;
    requires redisson;
    // Redisson is an automatic module: the Netty modules it needs at run time are resolved here
    requires io.netty.handler;
    requires io.netty.resolver.dns;

    provides ResultCacheProvider with RedisResultCacheProvider;
}
