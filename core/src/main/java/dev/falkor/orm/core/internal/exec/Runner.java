package dev.falkor.orm.core.internal.exec;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Runs {@link Step}s, blocking or not, on a statement runner. */
public final class Runner {

    /** Runs one statement, blocking or asynchronously (the graph-bound executor with its policies). */
    public interface Statements {
        QueryResult execute(GraphQuery query, boolean idempotent);

        CompletionStage<QueryResult> executeAsync(GraphQuery query, boolean idempotent);
    }

    private final Statements statements;

    public Runner(Statements statements) {
        this.statements = statements;
    }

    /** Runs a step to its end on the calling thread. */
    public <T> T run(Step<T> step) {
        Step<T> current = step;
        while (current instanceof Step.Run<T> r) {
            QueryResult result;
            try {
                result = statements.execute(r.query(), r.idempotent());
            } catch (RuntimeException e) {
                current = r.recover().apply(e);
                continue;
            }
            current = r.next().apply(result);
        }
        return ((Step.Done<T>) current).value();
    }

    /**
     * Runs a step without blocking: each statement is sent when the previous one's reply
     * arrived, and the mapping runs on the thread that completes the reply. Exceptions arrive
     * unwrapped in the returned stage (not as {@link CompletionException}). Once the returned
     * future is completed by someone else (cancelled, or timed out with {@code orTimeout}), no
     * further statement is sent; one already sent runs to its end on the server.
     */
    public <T> CompletableFuture<T> runAsync(Step<T> step) {
        CompletableFuture<T> out = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<CompletionStage<QueryResult>> inFlight =
                new java.util.concurrent.atomic.AtomicReference<>();
        // completed by someone else: the statement in flight is told, so it sends no retry
        out.whenComplete((v, e) -> cancel(inFlight.get()));
        advance(step, out, inFlight);
        return out;
    }

    private static void cancel(CompletionStage<?> stage) {
        if (stage != null) {
            try {
                stage.toCompletableFuture().cancel(false);
            } catch (UnsupportedOperationException ignored) {
                // a stage that cannot be cancelled runs to its end
            }
        }
    }

    /**
     * Sends statements until one's reply is still on its way, then continues from its callback.
     * A reply already there when the statement returns (a transport answering on the calling
     * thread) is taken in this loop, so a long chain does not grow the stack per statement.
     */
    private <T> void advance(Step<T> step, CompletableFuture<T> out,
                             java.util.concurrent.atomic.AtomicReference<CompletionStage<QueryResult>> inFlight) {
        Step<T> current = step;
        while (current != null) {
            if (out.isDone()) {
                return; // cancelled or timed out by the caller: send nothing more
            }
            if (current instanceof Step.Done<T> d) {
                out.complete(d.value());
                return;
            }
            Step.Run<T> r = (Step.Run<T>) current;
            CompletableFuture<QueryResult> sent = new CompletableFuture<>();
            try {
                CompletionStage<QueryResult> stage = statements.executeAsync(r.query(), r.idempotent());
                inFlight.set(stage);
                if (out.isDone()) {
                    cancel(stage); // completed by someone else while this was being sent
                }
                stage.whenComplete((result, error) -> {
                    if (error != null) {
                        sent.completeExceptionally(error);
                    } else {
                        sent.complete(result);
                    }
                });
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
            if (!sent.isDone()) {
                sent.whenComplete((result, error) -> advance(next(r, result, error, out), out, inFlight));
                return;
            }
            QueryResult result = null;
            Throwable error = null;
            try {
                result = sent.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                error = e;
            }
            current = next(r, result, error, out);
        }
    }

    /** The step after {@code r}'s statement ended; null (with {@code out} failed) if there is none. */
    private static <T> Step<T> next(Step.Run<T> r, QueryResult result, Throwable error, CompletableFuture<T> out) {
        try {
            if (error != null) {
                Throwable cause = unwrap(error);
                if (!(cause instanceof RuntimeException re)) {
                    out.completeExceptionally(cause);
                    return null;
                }
                return r.recover().apply(re);
            }
            return r.next().apply(result);
        } catch (RuntimeException | Error e) {
            out.completeExceptionally(e);
            return null;
        }
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
