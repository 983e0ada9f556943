package dev.falkor.orm.spi.cache;

import dev.falkor.orm.spi.QueryResult;
import java.time.Duration;
import java.util.Set;

/**
 * Cached query results of the mapper, invalidated by region. Thread-safe; one instance serves
 * every graph of an application ({@code graph} is part of every key and region).
 *
 * <p>The protocol, for a cacheable read: {@link #get} (a hit ends it); else {@link #stamp} the
 * regions, run the statement, {@link #put} the result with that stamp. For a write: run it, then
 * {@link #invalidate} what it touched (also when it failed: its outcome may be unknown), then
 * acknowledge it. A result stored with a stamp taken before a write completed is never returned
 * after that write's invalidation.
 */
public interface ResultCache extends AutoCloseable {

    /**
     * The current versions of {@code regions} of {@code graph}; {@code null} regions: the result
     * depends on anything in the graph (any write invalidates it).
     */
    Stamp stamp(String graph, Set<String> regions);

    /** The result stored under {@code key}, if it is still valid (its regions unchanged, its time not up); else null. */
    QueryResult get(String graph, String key);

    /** Stores {@code result} under {@code key}: valid for {@code ttl} while the regions of {@code stamp} keep its versions. */
    void put(String graph, String key, QueryResult result, Stamp stamp, Duration ttl);

    /**
     * Marks {@code regions} of {@code graph} as changed: results that depend on any of them are no
     * longer returned. {@code null}: anything in the graph may have changed (custom Cypher).
     */
    void invalidate(String graph, Set<String> regions);

    /** Drops every entry (of every graph). */
    void clear();

    /** Counts since this cache was created. */
    CacheStatistics statistics();

    /** The provider's name, as in {@link ResultCacheProvider#name()}. */
    String providerName();

    /** Releases what the cache holds (connections, threads). Idempotent. */
    @Override
    void close();

    /**
     * The versions regions had when a statement was about to be sent.
     *
     * @param regions  the region names (with the two reserved names of {@link VersionedResultCache})
     * @param versions their versions, in the same order
     */
    record Stamp(String graph, java.util.List<String> regions, long[] versions) {
    }
}
