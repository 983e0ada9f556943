import dev.falkor.orm.cache.caffeine.CaffeineResultCacheProvider;
import dev.falkor.orm.spi.cache.ResultCacheProvider;

/**
 * The in-memory result cache on Caffeine: bounded by size, a time to live per entry,
 * statistics. Found by {@link java.util.ServiceLoader} under the name {@code caffeine}.
 */
module dev.falkor.orm.cache.caffeine {
    requires transitive dev.falkor.orm.spi;
    requires com.github.benmanes.caffeine;

    provides ResultCacheProvider with CaffeineResultCacheProvider;
}
