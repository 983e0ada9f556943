package dev.falkor.orm.spi.observe;

import dev.falkor.orm.api.GraphNotFoundException;
import dev.falkor.orm.spi.ForwardingTransport;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a statement is reported to an {@link OrmObserver}, in one place for the mapper and for
 * modules that send statements on its transport (migrations): the observer's own failures are
 * logged and swallowed, each observation ends exactly once, and a read of a graph that does not
 * exist yet, which the mapper reads as an empty result, ends as a success of no rows.
 */
public final class Observations {
    private static final Logger LOG = LoggerFactory.getLogger(Observations.class);

    private Observations() {
    }

    /**
     * Starts observing a query.
     *
     * @param observer the observer
     * @param query the query about to be sent
     * @return the observation, or null if the observer failed (then nothing more is reported)
     */
    public static StatementObservation started(OrmObserver observer, GraphQuery query) {
        return started(observer, new StatementEvent(query.graph(),
                query.readOnly() ? StatementEvent.Kind.READ : StatementEvent.Kind.WRITE, query.cypher()));
    }

    /**
     * Starts observing a statement.
     *
     * @param observer the observer
     * @param event the statement
     * @return the observation, or null if the observer failed
     */
    public static StatementObservation started(OrmObserver observer, StatementEvent event) {
        return quietly(() -> observer.statementStarted(event));
    }

    /**
     * Ends {@code o} with the server's answer.
     *
     * @param o the observation (null: nothing to do)
     * @param rows the rows returned
     */
    public static void succeeded(StatementObservation o, int rows) {
        if (o != null) {
            quietly(() -> o.succeeded(rows));
        }
    }

    /**
     * Ends {@code o} with a failure, except a read of a missing graph, which ends as a success of no rows.
     *
     * @param o the observation (null: nothing to do)
     * @param readOnly whether the statement was a read
     * @param error what the caller gets ({@link CompletionException}s are unwrapped)
     */
    public static void failed(StatementObservation o, boolean readOnly, Throwable error) {
        if (o == null) {
            return;
        }
        Throwable e = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
        if (readOnly && e instanceof GraphNotFoundException) {
            quietly(() -> o.succeeded(0));
        } else {
            quietly(() -> o.failed(e));
        }
    }

    /**
     * A transport that reports every query and command it is given to {@code observer}, for code
     * that sends on the mapper's transport directly.
     *
     * @param transport the transport
     * @param observer the observer
     * @param graph the graph commands are reported under
     * @return the observing transport; closing it closes {@code transport}
     */
    public static Transport observing(Transport transport, OrmObserver observer, String graph) {
        Objects.requireNonNull(observer, "observer");
        return new ForwardingTransport(transport) {
            @Override
            public QueryResult execute(GraphQuery query) {
                return observed(observer, query, () -> super.execute(query));
            }

            @Override
            public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                return observedAsync(observer, query, () -> super.executeAsync(query));
            }

            @Override
            public Object command(String name, String... arguments) {
                return observedCommand(observer, graph, name, arguments, () -> super.command(name, arguments));
            }
        };
    }

    /**
     * Runs a query under an observation.
     *
     * @param observer the observer
     * @param query the query
     * @param send sends it
     * @return what {@code send} returned
     */
    public static QueryResult observed(OrmObserver observer, GraphQuery query, Supplier<QueryResult> send) {
        StatementObservation o = started(observer, query);
        QueryResult r;
        try {
            r = send.get();
        } catch (RuntimeException | Error e) {
            failed(o, query.readOnly(), e);
            throw e;
        }
        succeeded(o, r == null ? 0 : r.rows().size());
        return r;
    }

    /**
     * Runs an asynchronous query under an observation ended when its stage completes.
     *
     * @param observer the observer
     * @param query the query
     * @param send sends it
     * @return the stage {@code send} returned, with the observation attached
     */
    public static CompletionStage<QueryResult> observedAsync(OrmObserver observer, GraphQuery query,
                                                             Supplier<CompletionStage<QueryResult>> send) {
        StatementObservation o = started(observer, query);
        CompletionStage<QueryResult> stage;
        try {
            stage = send.get();
        } catch (RuntimeException | Error e) {
            failed(o, query.readOnly(), e);
            throw e;
        }
        return stage.whenComplete((r, e) -> {
            if (e != null) {
                failed(o, query.readOnly(), e);
            } else {
                succeeded(o, r == null ? 0 : r.rows().size());
            }
        });
    }

    /**
     * Runs a server command under an observation of kind {@link StatementEvent.Kind#COMMAND}.
     *
     * @param observer the observer
     * @param graph the graph it is reported under
     * @param name the command
     * @param arguments its arguments (the first is reported with the name)
     * @param send sends it
     * @return the command's reply
     */
    public static Object observedCommand(OrmObserver observer, String graph, String name, String[] arguments,
                                         Supplier<Object> send) {
        StatementObservation o = started(observer, new StatementEvent(graph, StatementEvent.Kind.COMMAND,
                arguments.length > 0 ? name + " " + arguments[0] : name));
        Object reply;
        try {
            reply = send.get();
        } catch (RuntimeException | Error e) {
            failed(o, false, e);
            throw e;
        }
        succeeded(o, 0);
        return reply;
    }

    /**
     * Runs an observer call, logging instead of throwing if it fails.
     *
     * @param call the call
     */
    public static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("The observer failed; the call goes on unobserved", e);
        }
    }

    /**
     * Runs an observer call that answers, logging and answering null if it fails.
     *
     * @param call the call
     * @param <T> what it answers
     * @return its answer, or null
     */
    public static <T> T quietly(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.warn("The observer failed; the call goes on unobserved", e);
            return null;
        }
    }
}
