package dev.falkor.orm.cache.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.falkor.orm.spi.cache.ResultCacheConfig;
import dev.falkor.orm.spi.cache.VersionedResultCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Entries in a size-bounded Caffeine cache expiring by each entry's own deadline; versions in a map. */
final class CaffeineResultCache extends VersionedResultCache {
    private final Cache<Key, Entry> entries;
    private final ConcurrentHashMap<Key, AtomicLong> versions = new ConcurrentHashMap<>();

    /** A key or a region, within its graph. */
    private record Key(String graph, String name) {
    }

    CaffeineResultCache(ResultCacheConfig config) {
        super(config.clock());
        this.entries = Caffeine.newBuilder()
                .maximumSize(config.maximumEntries())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(config.clock().millis()))
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry value, long currentTime) {
                        return Math.max(0, TimeUnit.MILLISECONDS.toNanos(value.expiresAtMillis() - clock().millis()));
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    protected long[] versions(String graph, List<String> regions) {
        long[] out = new long[regions.size()];
        for (int i = 0; i < out.length; i++) {
            AtomicLong v = versions.get(new Key(graph, regions.get(i)));
            out[i] = v == null ? 0 : v.get();
        }
        return out;
    }

    @Override
    protected void bump(String graph, List<String> regions) {
        for (String r : regions) {
            versions.computeIfAbsent(new Key(graph, r), k -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    protected Entry load(String graph, String key) {
        return entries.getIfPresent(new Key(graph, key));
    }

    @Override
    protected void store(String graph, String key, Entry entry, Duration ttl) {
        entries.put(new Key(graph, key), entry);
    }

    @Override
    protected void remove(String graph, String key) {
        entries.invalidate(new Key(graph, key));
    }

    /** Runs pending evictions now (Caffeine evicts asynchronously). */
    void cleanUpForTests() {
        entries.cleanUp();
    }

    @Override
    protected long size() {
        return entries.estimatedSize();
    }

    @Override
    public void clear() {
        entries.invalidateAll();
    }

    @Override
    public String providerName() {
        return "caffeine";
    }

    @Override
    public void close() {
        entries.invalidateAll();
        entries.cleanUp();
    }
}
