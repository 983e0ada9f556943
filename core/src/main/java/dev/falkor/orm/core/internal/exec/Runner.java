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
        advance(step, out);
        return out;
    }

    private <T> void advance(Step<T> step, CompletableFuture<T> out) {
        if (out.isDone()) {
            return; // cancelled or timed out by the caller: send nothing more
        }
        if (step instanceof Step.Done<T> d) {
            out.complete(d.value());
            return;
        }
        Step.Run<T> r = (Step.Run<T>) step;
        CompletionStage<QueryResult> sent;
        try {
            sent = statements.executeAsync(r.query(), r.idempotent());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((result, error) -> {
            Step<T> next;
            try {
                if (error != null) {
                    Throwable cause = unwrap(error);
                    if (!(cause instanceof RuntimeException re)) {
                        out.completeExceptionally(cause);
                        return;
                    }
                    next = r.recover().apply(re);
                } else {
                    next = r.next().apply(result);
                }
            } catch (RuntimeException | Error e) {
                out.completeExceptionally(e);
                return;
            }
            advance(next, out);
        });
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
