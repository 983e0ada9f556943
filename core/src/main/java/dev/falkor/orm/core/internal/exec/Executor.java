package dev.falkor.orm.core.internal.exec;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import java.util.concurrent.CompletionStage;

/**
 * Runs one statement. Every statement the mapper sends passes exactly one executor (queries
 * through {@link #execute}/{@link #executeAsync}, server commands such as
 * {@code GRAPH.CONSTRAINT} through {@link #command}), so cross-cutting concerns (a result
 * cache, session buffering, metrics) are decorators around it rather than code in each caller.
 */
public interface Executor {

    QueryResult execute(GraphQuery query);

    /** Runs a statement without blocking the caller; by default through the transport's own async method. */
    CompletionStage<QueryResult> executeAsync(GraphQuery query);

    /** A raw server command (for example {@code GRAPH.CONSTRAINT CREATE ...}). */
    Object command(String name, String... arguments);

    /** The executor that sends straight to the transport. */
    static Executor of(Transport transport) {
        return new Executor() {
            @Override
            public QueryResult execute(GraphQuery query) {
                return transport.execute(query);
            }

            @Override
            public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                return transport.executeAsync(query);
            }

            @Override
            public Object command(String name, String... arguments) {
                return transport.command(name, arguments);
            }
        };
    }

    /**
     * A decorator base that forwards everything to {@code next}; subclasses override what they
     * watch or change.
     */
    abstract class Forwarding implements Executor {
        protected final Executor next;

        protected Forwarding(Executor next) {
            this.next = next;
        }

        @Override
        public QueryResult execute(GraphQuery query) {
            return next.execute(query);
        }

        @Override
        public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
            return next.executeAsync(query);
        }

        @Override
        public Object command(String name, String... arguments) {
            return next.command(name, arguments);
        }
    }
}
