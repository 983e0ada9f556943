package dev.falkor.orm.spi.cache;

/**
 * Creates {@link ResultCache}s. Found with {@link java.util.ServiceLoader}: a provider module
 * declares {@code provides dev.falkor.orm.spi.cache.ResultCacheProvider with ...} and a
 * {@code META-INF/services} entry. Chosen like transports: by name on the builder or with
 * {@code -Dfalkor.orm.cache=name}, else the only one present, else no cache.
 */
public interface ResultCacheProvider {

    /** Short, stable name (e.g. {@code caffeine}). */
    String name();

    /** A cache with these settings; the caller owns it and closes it. */
    ResultCache create(ResultCacheConfig config);
}
