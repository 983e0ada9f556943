package dev.falkor.orm.api;

import java.time.Duration;

/**
 * Every pooled connection stayed busy for as long as the call could wait for one. The command was
 * never sent ({@link Outcome#NOT_SENT}), so retrying is safe. Not a sign of a slow server by
 * itself: the pool may be too small for the number of threads, or connections are held by slow
 * queries. Compare {@link ResponseTimeoutException}, which means the server did not answer.
 */
public class PoolExhaustedException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    private final Duration waited;
    private final int poolSize;

    public PoolExhaustedException(String message, Duration waited, int poolSize, Throwable cause) {
        super(message, Outcome.NOT_SENT, cause);
        this.waited = waited;
        this.poolSize = poolSize;
    }

    /** How long the call waited for a free connection. */
    public Duration waited() {
        return waited;
    }

    /** The configured maximum number of pooled connections. */
    public int poolSize() {
        return poolSize;
    }
}
