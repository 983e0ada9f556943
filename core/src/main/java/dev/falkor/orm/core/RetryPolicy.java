package dev.falkor.orm.core;

import dev.falkor.orm.api.ConnectionException;
import java.time.Duration;
import java.util.Objects;

/**
 * When the mapper repeats a statement whose connection failed. Off by default.
 *
 * <p>A {@link ConnectionException} says whether the statement may have been applied
 * ({@link ConnectionException#outcome()}). A statement that was {@linkplain
 * ConnectionException.Outcome#NOT_SENT not sent} is always safe to repeat. One whose outcome is
 * {@linkplain ConnectionException.Outcome#UNKNOWN unknown} is repeated only if running it twice
 * gives the same result as running it once: reads, and the mapper's writes by id ({@code save},
 * {@code saveAll}, which upsert on the id, and {@code deleteById}/{@code delete}/{@code deleteAll}).
 * Custom write queries ({@code @Query(write = true)}, {@code orm.query(...).write()}) and derived
 * deletes are never repeated after an unknown outcome.
 *
 * <pre>{@code
 * FalkorOrm.builder().retryPolicy(RetryPolicy.attempts(3, Duration.ofMillis(100)))
 * }</pre>
 */
public final class RetryPolicy {
    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO);

    private final int maxAttempts;
    private final Duration backoff;

    private RetryPolicy(int maxAttempts, Duration backoff) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** No retries: every connection failure reaches the caller (the default). */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Up to {@code maxAttempts} attempts in all, waiting {@code backoff} times the attempt
     * number between them.
     *
     * @throws IllegalArgumentException if {@code maxAttempts < 1} or the backoff is negative
     */
    public static RetryPolicy attempts(int maxAttempts, Duration backoff) {
        Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
        }
        return new RetryPolicy(maxAttempts, backoff);
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before the second attempt; later waits grow linearly. */
    public Duration backoff() {
        return backoff;
    }

    /** True if attempt number {@code attempt} (1-based) failing with {@code e} should be followed by another. */
    public boolean shouldRetry(ConnectionException e, int attempt, boolean idempotent) {
        return attempt < maxAttempts && (idempotent || e.outcome() == ConnectionException.Outcome.NOT_SENT);
    }

    @Override
    public String toString() {
        return maxAttempts == 1 ? "RetryPolicy.none()" : "RetryPolicy.attempts(" + maxAttempts + ", " + backoff + ")";
    }
}
