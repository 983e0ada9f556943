package dev.falkor.orm.embedded.internal;

import dev.falkor.orm.embedded.EmbeddedFalkorDBException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A bounded poll of child processes, for states that nothing can be blocked on (a server
 * answering, a replica's link, a cluster's state, a sentinel's failover): the attempt is
 * repeated, with pauses growing from 5 ms to 100 ms, until it gives a result or the timeout
 * has passed.
 */
public final class Poll {
    private Poll() {
    }

    /**
     * One attempt.
     *
     * @param <T> the result
     */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * Returns the result, or null (or throws an {@link IOException}) for "not yet".
         *
         * @return the result, or null if not there yet
         * @throws IOException not there yet; the message is reported if the poll times out
         */
        T get() throws IOException;
    }

    /**
     * Polls until {@code attempt} returns a result. A {@link RuntimeException} from the attempt
     * ends the poll at once.
     *
     * @param what    what is awaited, for the message: "FalkorDB on port 1234 to answer"
     * @param timeout how long to poll
     * @param attempt the attempt
     * @param details appended to the timeout message (a server's output, say)
     * @param <T>     the result
     * @return the first result
     * @throws EmbeddedFalkorDBException on timeout or interrupt
     */
    public static <T> T until(String what, Duration timeout, Attempt<T> attempt, Supplier<String> details) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 5;
        String last = "none";
        while (true) {
            try {
                T result = attempt.get();
                if (result != null) {
                    return result;
                }
                last = "not yet";
            } catch (IOException e) {
                last = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new EmbeddedFalkorDBException("Gave up after " + timeout + " waiting for " + what
                        + " (last: " + last + ")" + details.get());
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedFalkorDBException("Interrupted while waiting for " + what, e);
            }
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
    }

    /**
     * {@link #until(String, Duration, Attempt, Supplier)} without details.
     *
     * @param what    what is awaited, for the message
     * @param timeout how long to poll
     * @param attempt the attempt
     * @param <T>     the result
     * @return the first result
     */
    public static <T> T until(String what, Duration timeout, Attempt<T> attempt) {
        return until(what, timeout, attempt, () -> "");
    }
}
