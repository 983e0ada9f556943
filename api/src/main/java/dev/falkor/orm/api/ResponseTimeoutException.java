package dev.falkor.orm.api;

import java.time.Duration;

/**
 * The client stopped waiting for the server: no reply arrived within the call's client-side
 * deadline (the query's timeout plus the configured grace, or the socket timeout for calls
 * without a query timeout).
 *
 * <p>Unlike {@link QueryTimeoutException}, which the server raises after aborting a query, this
 * one says nothing about what the server did. With {@link Outcome#UNKNOWN} the command was sent and
 * may still be applied (FalkorDB does not abort write queries at their timeout); with
 * {@link Outcome#NOT_SENT} the server did not complete the connection handshake in time and the
 * command was never sent.
 */
public class ResponseTimeoutException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public ResponseTimeoutException(String message, Outcome outcome, Duration timeout, Throwable cause) {
        super(message, outcome, cause);
        this.timeout = timeout;
    }

    /** How long the client waited before giving up. */
    public Duration timeout() {
        return timeout;
    }
}
