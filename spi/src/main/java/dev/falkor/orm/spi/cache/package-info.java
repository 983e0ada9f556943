/**
 * The query result cache contract: {@link dev.falkor.orm.spi.cache.ResultCache} stores decoded
 * results ({@link dev.falkor.orm.spi.QueryResult}, immutable) by statement, each valid while the
 * <em>regions</em> it depends on (labels and relationship types of one graph) keep the versions
 * they had when the statement was sent, and for its time to live. Every write the mapper performs
 * bumps the versions of the regions it touches after the server applied it and before the caller
 * hears of it, so a result read before a write can never be served after it, whoever stored it
 * and when (the idea behind Hibernate's update timestamps). Providers are found with
 * {@link java.util.ServiceLoader} ({@link dev.falkor.orm.spi.cache.ResultCacheProvider}).
 *
 * <p>{@link dev.falkor.orm.spi.cache.VersionedResultCache} holds those semantics once; a
 * provider supplies the storage of entries and versions. {@link dev.falkor.orm.spi.cache.QueryResultCodec}
 * turns results into bytes for caches outside the JVM.
 */
package dev.falkor.orm.spi.cache;
