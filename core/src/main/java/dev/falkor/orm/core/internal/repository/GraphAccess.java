package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.GraphNotFoundException;
import dev.falkor.orm.core.RetryPolicy;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.Transport;
import java.util.List;
import java.util.Map;

/**
 * One graph, seen through the mapper's single {@link Executor}: every statement the mapper
 * sends (repositories, custom queries, {@code orm.query}, schema) runs through
 * {@link #execute}. Reads go to {@code GRAPH.RO_QUERY}, writes to {@code GRAPH.QUERY}.
 *
 * <p>A read of a graph that does not exist (yet, or any more) is not an error: it returns no
 * rows. Because a missing graph, or a broken connection (a server restart), also means the
 * indexes and constraints may be gone, both mark the schema as possibly stale, and the
 * {@link SchemaManager} re-ensures it before the next write.
 */
public final class GraphAccess {
    private static final QueryResult EMPTY = new QueryResult(List.of(), List.of(), new QueryStatistics(Map.of()));

    private final Transport transport;
    private final String graph;
    private final Executor executor;
    private volatile boolean schemaMayBeStale;

    private final RetryPolicy retry;

    public GraphAccess(Transport transport, String graph, Executor executor, RetryPolicy retry) {
        this.transport = transport;
        this.graph = graph;
        this.executor = executor;
        this.retry = retry;
    }

    public Transport transport() {
        return transport;
    }

    public String graph() {
        return graph;
    }

    /** Runs a read; no rows if the graph does not exist. */
    public QueryResult read(String cypher, Map<String, ?> parameters) {
        return execute(GraphQuery.read(graph, cypher, parameters));
    }

    /** Runs a write that is not safe to repeat. */
    public QueryResult write(String cypher, Map<String, ?> parameters) {
        return execute(GraphQuery.write(graph, cypher, parameters), false);
    }

    /** Runs a write that gives the same result when run twice (an upsert or delete by id). */
    public QueryResult idempotentWrite(String cypher, Map<String, ?> parameters) {
        return execute(GraphQuery.write(graph, cypher, parameters), true);
    }

    /** Runs any statement of the mapper; reads count as idempotent, writes do not. */
    public QueryResult execute(GraphQuery query) {
        return execute(query, query.readOnly());
    }

    /** Runs any statement of the mapper: the single point every query passes, with the retry policy. */
    public QueryResult execute(GraphQuery query, boolean idempotent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(query);
            } catch (ConnectionException e) {
                if (!retry.shouldRetry(e, attempt, idempotent)) {
                    throw e;
                }
                long pause = retry.backoff().toNanos() * attempt;
                if (pause > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(pause);
                }
            }
        }
    }

    private QueryResult once(GraphQuery query) {
        try {
            return executor.execute(query);
        } catch (GraphNotFoundException e) {
            schemaMayBeStale = true;
            if (query.readOnly()) {
                return EMPTY;
            }
            throw e;
        } catch (ConnectionException e) {
            schemaMayBeStale = true;
            throw e;
        }
    }

    /** A raw server command through the transport (for example {@code GRAPH.CONSTRAINT}). */
    public Object command(String name, String... arguments) {
        try {
            return transport.command(name, arguments);
        } catch (ConnectionException e) {
            schemaMayBeStale = true;
            throw e;
        }
    }

    /** True (and cleared) if something since the last call suggests the graph was re-created. */
    boolean takeSchemaStale() {
        boolean stale = schemaMayBeStale;
        schemaMayBeStale = false;
        return stale;
    }

    /** Marks the schema as possibly gone (for example when a guarded write found its constraint missing). */
    void markSchemaStale() {
        schemaMayBeStale = true;
    }
}
