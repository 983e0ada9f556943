package dev.falkor.orm.core.internal.cache;

import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.wire.ParameterEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result cache around the one executor every statement passes. A read marked
 * {@link GraphQuery#cacheTtl() cached} is answered from the cache when it holds a valid result;
 * otherwise its regions are stamped before it is sent and its result stored with that stamp. Every
 * write invalidates the regions it declares (all of the graph when it declares none) after the
 * server answered (or failed: the outcome may be unknown) and before its caller hears of it.
 *
 * <p>The cache key is the statement exactly as it is sent ({@code CYPHER p=... text}): the same
 * text with the same values, nothing else.
 */
public final class CachingExecutor extends Executor.Forwarding {
    private static final Logger LOG = LoggerFactory.getLogger("dev.falkor.orm.cache");

    private final ResultCache cache;

    public CachingExecutor(Executor next, ResultCache cache) {
        super(next);
        this.cache = cache;
    }

    static String key(GraphQuery q) {
        return new String(ParameterEncoder.renderUtf8(q.cypher(), q.parameters()), StandardCharsets.ISO_8859_1);
    }

    @Override
    public QueryResult execute(GraphQuery query) {
        if (!query.readOnly()) {
            try {
                return next.execute(query);
            } finally {
                invalidate(query);
            }
        }
        if (query.cacheTtl() == null) {
            return next.execute(query);
        }
        String key = key(query);
        QueryResult hit = lookup(query, key);
        if (hit != null) {
            return hit;
        }
        ResultCache.Stamp stamp = cache.stamp(query.graph(), query.regions());
        QueryResult result = next.execute(query);
        store(query, key, result, stamp);
        return result;
    }

    @Override
    public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
        if (!query.readOnly()) {
            CompletableFuture<QueryResult> out = new CompletableFuture<>();
            next.executeAsync(query).whenComplete((r, e) -> {
                try {
                    invalidate(query);
                } catch (RuntimeException failed) {
                    out.completeExceptionally(failed);
                    return;
                }
                if (e != null) {
                    out.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                } else {
                    out.complete(r);
                }
            });
            return out;
        }
        if (query.cacheTtl() == null) {
            return next.executeAsync(query);
        }
        String key;
        QueryResult hit;
        ResultCache.Stamp stamp;
        try {
            key = key(query);
            hit = lookup(query, key);
            stamp = hit != null ? null : cache.stamp(query.graph(), query.regions());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (hit != null) {
            return CompletableFuture.completedFuture(hit);
        }
        return next.executeAsync(query).thenApply(result -> {
            store(query, key, result, stamp);
            return result;
        });
    }

    private QueryResult lookup(GraphQuery query, String key) {
        QueryResult hit = cache.get(query.graph(), key);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} graph={} regions={}: {}", hit != null ? "hit" : "miss", query.graph(),
                    query.regions() == null ? "(any)" : query.regions(), query.cypher());
        }
        return hit;
    }

    private void store(GraphQuery query, String key, QueryResult result, ResultCache.Stamp stamp) {
        cache.put(query.graph(), key, result, stamp, query.cacheTtl());
    }

    /** After a write: its regions are stale. A cache that cannot record that must not stay silent. */
    private void invalidate(GraphQuery query) {
        try {
            cache.invalidate(query.graph(), query.regions());
        } catch (RuntimeException e) {
            throw new CacheInvalidationException("A write to graph '" + query.graph() + "' was sent but the result "
                    + "cache (" + cache.providerName() + ") could not be told; cached results of "
                    + (query.regions() == null ? "the graph" : query.regions()) + " may be stale until their time "
                    + "to live ends. Call orm.resultCache().clear() once the cache is reachable", e);
        }
    }

    /** The write was sent, the invalidation failed. */
    static final class CacheInvalidationException extends FalkorOrmException {
        private static final long serialVersionUID = 1L;

        CacheInvalidationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public Object command(String name, String... arguments) {
        try {
            return next.command(name, arguments);
        } finally {
            if ("GRAPH.DELETE".equalsIgnoreCase(name) && arguments.length > 0) {
                cache.invalidate(arguments[0], null);
            }
        }
    }
}
