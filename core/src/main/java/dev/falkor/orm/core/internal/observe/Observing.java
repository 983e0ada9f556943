package dev.falkor.orm.core.internal.observe;

import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.observe.InvocationObservation;
import dev.falkor.orm.spi.observe.Observations;
import dev.falkor.orm.spi.observe.OrmObserver;
import java.util.concurrent.CompletionStage;

/**
 * Tells an {@link OrmObserver} of statements (as the executor next to the transport, so cache
 * hits send none), of repository calls, and of the mapper's start and close. Every observer call
 * goes through {@link Observations#quietly}: an observer that throws is logged (a warning each
 * time) and otherwise ignored, so metrics never fail a user's call, a build or a close.
 */
public final class Observing {

    private Observing() {
    }

    /** The executor that reports every statement to {@code observer}; {@code graph} is the mapper's, for commands. */
    public static Executor executor(Executor next, OrmObserver observer, String graph) {
        return new Executor.Forwarding(next) {
            @Override
            public QueryResult execute(GraphQuery query) {
                return Observations.observed(observer, query, () -> next.execute(query));
            }

            @Override
            public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                return Observations.observedAsync(observer, query, () -> next.executeAsync(query));
            }

            @Override
            public Object command(String name, String... arguments) {
                return Observations.observedCommand(observer, graph, name, arguments, () -> next.command(name, arguments));
            }
        };
    }

    /** Tells {@code observer} a mapper started; the registration to end at its close (never null). */
    public static OrmObserver.Registration mapperStarted(OrmObserver observer, String graph, Transport transport,
                                                        ResultCache cache) {
        OrmObserver.Registration r = Observations.quietly(() -> observer.mapperStarted(graph, transport, cache));
        return r == null ? OrmObserver.Registration.NONE : r;
    }

    /** Ends a mapper's registration, never throwing. */
    public static void mapperClosed(OrmObserver.Registration registration) {
        Observations.quietly(registration::mapperClosed);
    }

    /** Starts the observation of a repository call; never null, never throws. */
    public static InvocationObservation invocation(OrmObserver observer, Class<?> repository, String method) {
        InvocationObservation o = Observations.quietly(() -> observer.invocationStarted(repository, method));
        return o == null ? InvocationObservation.NONE : o;
    }

    /** Ends {@code o} when the call's result is known (a future's at its completion); returns the result. */
    public static Object finish(InvocationObservation o, Object result) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((r, e) -> {
                if (e != null) {
                    fail(o, e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                            ? c.getCause() : e);
                } else {
                    Observations.quietly(o::succeeded);
                }
            });
        } else {
            Observations.quietly(o::succeeded);
        }
        return result;
    }

    /** Ends {@code o} with a failure. */
    public static void fail(InvocationObservation o, Throwable error) {
        Observations.quietly(() -> o.failed(error));
    }

    /** Opens {@code o}'s scope; never throws, nor does closing it. */
    public static AutoCloseable scope(InvocationObservation o) {
        AutoCloseable s = Observations.quietly(o::openScope);
        return s == null ? () -> { } : () -> Observations.quietly(() -> {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
