package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.GraphNotFoundException;
import dev.falkor.orm.core.RetryPolicy;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.core.internal.exec.Runner;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One graph, seen through the mapper's single {@link Executor}: every statement the mapper
 * sends (repositories, custom queries, {@code orm.query}, schema) passes here, blocking or
 * asynchronously. Reads go to {@code GRAPH.RO_QUERY}, writes to {@code GRAPH.QUERY}.
 *
 * <p>A read of a graph that does not exist (yet, or any more) is not an error: it returns no
 * rows. Because a missing graph, or a broken connection (a server restart), also means the
 * indexes and constraints may be gone, both mark the schema as possibly stale, and the
 * {@link SchemaManager} re-ensures it before the next write. Connection failures are retried
 * as the {@link RetryPolicy} allows.
 */
public final class GraphAccess implements Runner.Statements {
    private static final QueryResult EMPTY = new QueryResult(List.of(), List.of(), QueryStatistics.EMPTY);

    private final Transport transport;
    private final String graph;
    private final Executor executor;
    private final RetryPolicy retry;
    private final Runner runner;
    private volatile boolean schemaMayBeStale;

    private final dev.falkor.orm.core.internal.mapping.Lifecycle lifecycle;

    public GraphAccess(Transport transport, String graph, Executor executor, RetryPolicy retry,
                       dev.falkor.orm.core.internal.mapping.Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.transport = transport;
        this.graph = graph;
        this.executor = executor;
        this.retry = retry;
        this.runner = new Runner(this);
    }

    public Transport transport() {
        return transport;
    }

    public String graph() {
        return graph;
    }

    /** Runs steps built on this graph. */
    public Runner runner() {
        return runner;
    }

    /** Runs a step to its end, blocking. */
    public <T> T run(Step<T> step) {
        return runner.run(step);
    }

    /**
     * Runs a step without blocking: the step is built on the calling thread (so bad input fails
     * before anything is sent), each statement is sent when the previous reply arrived, and the
     * mapping runs on the thread completing the reply. Every failure, a bad input included,
     * arrives through the returned future, unwrapped. Cancelling the future stops the steps not
     * yet sent; a statement already sent runs to its end on the server.
     *
     * <p>Asynchronous calls take no part in a session: one open on the calling thread makes them
     * fail with an {@link IllegalStateException} (its identity map and dirty checking belong to
     * that thread, while the future completes on another).
     */
    public <T> CompletableFuture<T> runAsync(java.util.function.Supplier<Step<T>> step) {
        if (lifecycle != null && lifecycle.scope() != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("A session is open on this thread; "
                    + "asynchronous repository and query methods do not take part in it (its identity map belongs "
                    + "to this thread). Call the blocking method inside the session, or the asynchronous one outside"));
        }
        Step<T> built;
        try {
            built = step.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return runner.runAsync(built);
    }

    /** A read on this graph. */
    public GraphQuery readQuery(String cypher, Map<String, ?> parameters) {
        return GraphQuery.read(graph, cypher, parameters);
    }

    /** A write on this graph. */
    public GraphQuery writeQuery(String cypher, Map<String, ?> parameters) {
        return GraphQuery.write(graph, cypher, parameters);
    }

    /** Runs a read; no rows if the graph does not exist. */
    public QueryResult read(String cypher, Map<String, ?> parameters) {
        return execute(readQuery(cypher, parameters));
    }

    /**
     * Runs a schema write (an index, a constraint, registering property names): it changes no
     * stored data, so it invalidates no cached result of the graph's labels. Not safe to repeat.
     */
    public QueryResult write(String cypher, Map<String, ?> parameters) {
        return execute(writeQuery(cypher, parameters).withRegions(java.util.Set.of()), false);
    }

    /** Runs any statement of the mapper; reads count as idempotent, writes do not. */
    public QueryResult execute(GraphQuery query) {
        return execute(query, query.readOnly());
    }

    @Override
    public QueryResult execute(GraphQuery query, boolean idempotent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(query);
            } catch (ConnectionException e) {
                if (!retry.shouldRetry(e, attempt, idempotent)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    @Override
    public CompletionStage<QueryResult> executeAsync(GraphQuery query, boolean idempotent) {
        return attemptAsync(query, idempotent, 1);
    }

    private CompletionStage<QueryResult> attemptAsync(GraphQuery query, boolean idempotent, int attempt) {
        CompletableFuture<QueryResult> out = new CompletableFuture<>();
        CompletionStage<QueryResult> sent;
        try {
            sent = executor.executeAsync(query);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((result, error) -> {
            if (error == null) {
                out.complete(result);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            try {
                out.complete(onFailure(query, cause));
            } catch (ConnectionException e) {
                if (retry.shouldRetry(e, attempt, idempotent) && !out.isDone()) {
                    CompletableFuture.delayedExecutor(retry.backoff().toNanos() * attempt, TimeUnit.NANOSECONDS)
                            .execute(() -> {
                                if (out.isDone()) {
                                    return; // cancelled during the backoff (the caller's cancel): no retry
                                }
                                attemptAsync(query, idempotent, attempt + 1).whenComplete((r, e2) -> {
                                    if (e2 != null) {
                                        out.completeExceptionally(e2);
                                    } else {
                                        out.complete(r);
                                    }
                                });
                            });
                } else {
                    out.completeExceptionally(e);
                }
            } catch (RuntimeException | Error e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private QueryResult once(GraphQuery query) {
        try {
            return executor.execute(query);
        } catch (RuntimeException e) {
            return onFailure(query, e);
        }
    }

    /** The answer to a failed statement: empty for a read of a missing graph, else the failure rethrown. */
    private QueryResult onFailure(GraphQuery query, Throwable failure) {
        if (failure instanceof GraphNotFoundException e) {
            schemaMayBeStale = true;
            if (query.readOnly()) {
                return EMPTY;
            }
            throw e;
        }
        if (failure instanceof ConnectionException e) {
            schemaMayBeStale = true;
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) failure;
    }

    private void pause(int attempt) {
        long nanos = retry.backoff().toNanos() * attempt;
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }

    /** A raw server command (for example {@code GRAPH.CONSTRAINT}), through the executor. */
    public Object command(String name, String... arguments) {
        try {
            return executor.command(name, arguments);
        } catch (ConnectionException e) {
            schemaMayBeStale = true;
            throw e;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphAccess.class);

    /** Null until probed: whether the server counts every label of a created node as "labels added". */
    private volatile Boolean createCountsEveryLabel;

    /**
     * Whether the server reports, in "labels added", every label of every node a {@code CREATE}
     * makes (FalkorDB 4.22 does) rather than only labels new to the graph (4.16, 4.18); null
     * until learnt from a statement that created two nodes of one label (the schema manager's
     * name registration): it reports 2 under the first rule and at most 1 under the second.
     * Under the first rule a reply's statistics cannot tell that the graph was re-created.
     */
    Boolean createCountsEveryLabel() {
        return createCountsEveryLabel;
    }

    /**
     * The probe could not run (a constraint on a property the entity does not map refused it, or
     * the connection failed): from now on write statistics are not read for re-creation, which
     * is never wrong, only blind (as under the 4.22 rule).
     */
    void labelCountingUnknown(RuntimeException why) {
        createCountsEveryLabel = true;
        LOG.info("Graph {}: could not learn how the server counts added labels ({}); re-creation of the graph "
                + "is recognised by the constraint guards and missing-graph replies only", graph, why.getMessage());
    }

    /**
     * Records what a statement that created two nodes of one label (and nothing else labelled)
     * reported as "labels added"; see {@link #createCountsEveryLabel(String)}.
     */
    boolean learnLabelCounting(int labelsAddedForTwoNodes) {
        boolean every = labelsAddedForTwoNodes >= 2;
        if (createCountsEveryLabel == null && every) {
            LOG.debug("Graph {}: the server counts the labels of created nodes as added; re-creation is "
                    + "recognised by the constraint guards and missing-graph replies only", graph);
        }
        createCountsEveryLabel = every;
        return every;
    }

    /** True (and cleared) if something since the last call suggests the graph was re-created. */
    boolean takeSchemaStale() {
        boolean stale = schemaMayBeStale;
        schemaMayBeStale = false;
        return stale;
    }
}
