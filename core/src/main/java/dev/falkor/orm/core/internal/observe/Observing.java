package dev.falkor.orm.core.internal.observe;

import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.observe.InvocationObservation;
import dev.falkor.orm.spi.observe.OrmObserver;
import dev.falkor.orm.spi.observe.StatementEvent;
import dev.falkor.orm.spi.observe.StatementObservation;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an {@link OrmObserver} of statements (as the executor next to the transport, so cache
 * hits send none) and of repository calls. An observer that throws is logged once per failure
 * kind and otherwise ignored: metrics never fail a user's call.
 */
public final class Observing {
    private static final Logger LOG = LoggerFactory.getLogger(Observing.class);

    private Observing() {
    }

    /** The executor that reports every statement to {@code observer}; {@code graph} is the mapper's, for commands. */
    public static Executor executor(Executor next, OrmObserver observer, String graph) {
        return new Executor.Forwarding(next) {
            @Override
            public QueryResult execute(GraphQuery query) {
                StatementObservation o = start(observer, query);
                QueryResult r;
                try {
                    r = next.execute(query);
                } catch (RuntimeException | Error e) {
                    ended(o, query, e);
                    throw e;
                }
                succeeded(o, r);
                return r;
            }

            @Override
            public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                StatementObservation o = start(observer, query);
                CompletionStage<QueryResult> stage;
                try {
                    stage = next.executeAsync(query);
                } catch (RuntimeException | Error e) {
                    ended(o, query, e);
                    throw e;
                }
                return stage.whenComplete((r, e) -> {
                    if (e != null) {
                        ended(o, query, e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                                ? c.getCause() : e);
                    } else {
                        succeeded(o, r);
                    }
                });
            }

            @Override
            public Object command(String name, String... arguments) {
                StatementObservation o = safe(() -> observer.statementStarted(new StatementEvent(graph,
                        StatementEvent.Kind.COMMAND, arguments.length > 0 ? name + " " + arguments[0] : name)));
                Object reply;
                try {
                    reply = next.command(name, arguments);
                } catch (RuntimeException | Error e) {
                    failed(o, e);
                    throw e;
                }
                if (o != null) {
                    run(() -> o.succeeded(0));
                }
                return reply;
            }
        };
    }

    /** Starts the observation of a repository call; never null, never throws. */
    public static InvocationObservation invocation(OrmObserver observer, Class<?> repository, String method) {
        InvocationObservation o = safe(() -> observer.invocationStarted(repository, method));
        return o == null ? InvocationObservation.NONE : o;
    }

    /** Ends {@code o} when the call's result is known (a future's at its completion); returns the result. */
    public static Object finish(InvocationObservation o, Object result) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((r, e) -> {
                if (e != null) {
                    run(() -> o.failed(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                            ? c.getCause() : e));
                } else {
                    run(o::succeeded);
                }
            });
        } else {
            run(o::succeeded);
        }
        return result;
    }

    /** Ends {@code o} with a failure. */
    public static void fail(InvocationObservation o, Throwable error) {
        run(() -> o.failed(error));
    }

    /** Opens {@code o}'s scope; never throws. */
    public static AutoCloseable scope(InvocationObservation o) {
        AutoCloseable s = safe(o::openScope);
        return s == null ? () -> { } : () -> run(() -> {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static StatementObservation start(OrmObserver observer, GraphQuery query) {
        return safe(() -> observer.statementStarted(new StatementEvent(query.graph(),
                query.readOnly() ? StatementEvent.Kind.READ : StatementEvent.Kind.WRITE, query.cypher())));
    }

    private static void succeeded(StatementObservation o, QueryResult r) {
        if (o != null) {
            run(() -> o.succeeded(r == null ? 0 : r.rows().size()));
        }
    }

    /**
     * A failed query: a read of a graph that does not exist (yet) is what the mapper reads as an
     * empty result, so it is observed as one, not as an error (every new graph's first read would
     * otherwise count as a failure); anything else is a failure.
     */
    private static void ended(StatementObservation o, GraphQuery query, Throwable e) {
        if (query.readOnly() && e instanceof dev.falkor.orm.api.GraphNotFoundException) {
            if (o != null) {
                run(() -> o.succeeded(0));
            }
        } else {
            failed(o, e);
        }
    }

    private static void failed(StatementObservation o, Throwable e) {
        if (o != null) {
            run(() -> o.failed(e));
        }
    }

    private static <T> T safe(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.warn("The observer failed; the call goes on unobserved", e);
            return null;
        }
    }

    private static void run(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("The observer failed; the call goes on unobserved", e);
        }
    }
}
