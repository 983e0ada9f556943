package dev.falkor.orm.spi;

import java.util.List;

/**
 * Sends Cypher to a FalkorDB server and decodes what comes back. Implementations are
 * thread-safe: one instance is shared by the whole application.
 *
 * <p>To write one, extend {@code dev.falkor.orm.spi.wire.WireTransport} (exported for
 * providers), which holds the parameter encoding, reply decoding with its name refreshes, error
 * translation and the query log shared by every transport, blocking and asynchronous; a
 * provider then only moves bytes. Run the testkit's {@code TransportContract} against it.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs one query. Values travel only as parameters.
     *
     * @throws dev.falkor.orm.api.QueryException        the server rejected or aborted it
     * @throws dev.falkor.orm.api.ConnectionException   the server could not be reached
     */
    QueryResult execute(GraphQuery query);

    /**
     * Runs one query without blocking the caller. The stage completes with the result, or
     * exceptionally with the same exceptions {@link #execute} throws.
     *
     * <p>The default runs {@link #execute} on the common fork-join pool, so every transport is
     * usable asynchronously; a natively asynchronous transport (one multiplexed connection)
     * overrides it and never blocks a thread per call.
     */
    default java.util.concurrent.CompletionStage<QueryResult> executeAsync(GraphQuery query) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> execute(query));
    }

    /**
     * The connection pool's figures now, for metrics, if this transport keeps a pool.
     *
     * @return the figures, or empty (the default) for a transport without a pool to report
     */
    default java.util.Optional<PoolStatistics> poolStatistics() {
        return java.util.Optional.empty();
    }

    /** Deletes a graph and everything in it; does nothing if the graph does not exist. */
    void deleteGraph(String graph);

    /** Names of the graphs on the server. */
    List<String> listGraphs();

    /**
     * Sends a raw server command (for example {@code GRAPH.CONSTRAINT}) and returns the
     * reply as plain Java values: {@code String}, {@code Long}, {@code Double},
     * {@code List<Object>} or {@code null}.
     */
    Object command(String name, String... arguments);

    /** The provider's name, as in {@link TransportProvider#name()}. */
    String providerName();

    /**
     * Escape hatch to the native client (for example Jedis' pool).
     *
     * @throws IllegalArgumentException if this transport has nothing of that type
     */
    default <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException(getClass().getName() + " cannot be unwrapped to " + type.getName());
    }

    /** Releases connections. Idempotent. */
    @Override
    void close();
}
