package dev.falkor.orm.embedded;

import dev.falkor.orm.embedded.internal.Resp;
import dev.falkor.orm.embedded.internal.StopAll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A FalkorDB primary with read-only replicas, each an {@link EmbeddedFalkorDB} in a child
 * process on a free loopback port, started from the same binaries: for tests of read scaling
 * and of failover (with an {@link EmbeddedSentinel}).
 *
 * <pre>{@code
 * try (EmbeddedReplication replication = EmbeddedReplication.start(1)) {
 *     // GRAPH.QUERY on replication.primary(), then
 *     replication.waitForReplicas(Duration.ofSeconds(1));
 *     // GRAPH.RO_QUERY on replication.replicas().get(0) sees the write
 * }
 * }</pre>
 *
 * <p>Every replica has completed its initial sync when {@link #start(int)} returns. Writes
 * reach the replicas asynchronously: {@link #waitForReplicas(Duration)} ({@code WAIT}) makes a
 * test read its own writes there. A replica answers {@code GRAPH.RO_QUERY}; it refuses
 * {@code GRAPH.QUERY}, whatever the query (a {@code MATCH ... RETURN} too, as the command is
 * flagged as a write), with the error {@value #READONLY_ERROR}.
 */
public final class EmbeddedReplication implements AutoCloseable {
    /** The error text (without the RESP {@code -}) of a {@code GRAPH.QUERY} sent to a replica. */
    public static final String READONLY_ERROR = "READONLY You can't write against a read only replica.";

    private final EmbeddedFalkorDB primary;
    private final List<EmbeddedFalkorDB> replicas;

    private EmbeddedReplication(EmbeddedFalkorDB primary, List<EmbeddedFalkorDB> replicas) {
        this.primary = primary;
        this.replicas = Collections.unmodifiableList(replicas);
    }

    /**
     * Starts a primary and {@code replicas} replicas with default settings.
     *
     * @param replicas how many replicas, 0 or more
     * @return the running servers, every replica synced
     */
    public static EmbeddedReplication start(int replicas) {
        return start(replicas, builder -> { });
    }

    /**
     * Starts a primary and {@code replicas} replicas; {@code settings} is applied to the builder
     * of each (binaries, timeouts, module arguments; not the port, a data directory or
     * {@code replicaOf}, which this class sets).
     *
     * @param replicas how many replicas, 0 or more
     * @param settings applied to each server's builder
     * @return the running servers, every replica synced
     * @throws EmbeddedFalkorDBException if a server cannot be started; those already started are stopped
     */
    public static EmbeddedReplication start(int replicas, Consumer<EmbeddedFalkorDB.Builder> settings) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more, was " + replicas);
        }
        Objects.requireNonNull(settings, "settings");
        EmbeddedFalkorDB primary = configured(settings).start();
        List<EmbeddedFalkorDB> started = new ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                started.add(configured(settings).replicaOf(primary).start());
            }
        } catch (RuntimeException e) {
            stopAll(started, primary);
            throw e;
        }
        return new EmbeddedReplication(primary, started);
    }

    private static EmbeddedFalkorDB.Builder configured(Consumer<EmbeddedFalkorDB.Builder> settings) {
        EmbeddedFalkorDB.Builder builder = EmbeddedFalkorDB.builder();
        settings.accept(builder);
        return builder.requireShareable("EmbeddedReplication");
    }

    /**
     * The primary, which takes writes.
     *
     * @return the primary
     */
    public EmbeddedFalkorDB primary() {
        return primary;
    }

    /**
     * The replicas, in start order; read-only.
     *
     * @return the replicas (unmodifiable)
     */
    public List<EmbeddedFalkorDB> replicas() {
        return replicas;
    }

    /**
     * {@code WAIT <replicas> <timeout>} on the primary: blocks until every replica has
     * acknowledged the writes made so far on the primary, or the timeout has passed.
     *
     * @param timeout positive
     * @return how many replicas acknowledged
     * @throws EmbeddedFalkorDBException if the primary does not answer
     */
    public int waitForReplicas(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        int socketTimeout = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis() + 5_000);
        try (Resp resp = new Resp(primary.host(), primary.port(), socketTimeout)) {
            Object acknowledged = resp.call("WAIT", Integer.toString(replicas.size()),
                    Long.toString(Math.max(1, timeout.toMillis())));
            return ((Long) acknowledged).intValue();
        } catch (IOException e) {
            throw new EmbeddedFalkorDBException("WAIT on the primary " + primary.url() + " failed: " + e.getMessage(), e);
        }
    }

    /** Stops the replicas, then the primary. Idempotent. */
    @Override
    public void close() {
        stopAll(replicas, primary);
    }

    private static void stopAll(List<EmbeddedFalkorDB> replicas, EmbeddedFalkorDB primary) {
        List<EmbeddedFalkorDB> all = new ArrayList<>(replicas);
        all.add(primary);
        StopAll.close(all);
    }
}
