package dev.falkor.orm.api;

/**
 * The server could not be reached, or the connection broke during a call.
 *
 * <p>{@link #outcome()} tells whether the statement may have been applied: a call that failed
 * before its command was written to the socket ({@link Outcome#NOT_SENT}) certainly changed
 * nothing; one that failed after ({@link Outcome#UNKNOWN}, for example a read timeout or a
 * connection reset while waiting for the reply) may or may not have been applied by the server.
 * Retry only idempotent operations after an unknown outcome.
 */
public class ConnectionException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    /** Whether the failed call may have reached the server. */
    public enum Outcome {
        /** The command was never sent: nothing was applied. */
        NOT_SENT,
        /** The command was sent and no reply arrived: it may or may not have been applied. */
        UNKNOWN
    }

    private final Outcome outcome;

    public ConnectionException(String message, Throwable cause) {
        this(message, Outcome.UNKNOWN, cause);
    }

    public ConnectionException(String message, Outcome outcome, Throwable cause) {
        super(message + (outcome == Outcome.NOT_SENT ? " (not sent: nothing was applied)"
                : " (outcome unknown: the statement may or may not have been applied)"), cause);
        this.outcome = outcome;
    }

    /** Whether the failed call may have been applied by the server. */
    public Outcome outcome() {
        return outcome;
    }
}
