package dev.falkor.orm.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A transport that hands every call to another one: the base for decorators (counting,
 * timing, logging). Subclasses override what they observe and call {@code super} or
 * {@link #next()} for the rest. Closing it closes the wrapped transport.
 */
public abstract class ForwardingTransport implements Transport {
    private final Transport next;

    protected ForwardingTransport(Transport next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /** The wrapped transport. */
    protected final Transport next() {
        return next;
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
    public void deleteGraph(String graph) {
        next.deleteGraph(graph);
    }

    @Override
    public List<String> listGraphs() {
        return next.listGraphs();
    }

    @Override
    public Object command(String name, String... arguments) {
        return next.command(name, arguments);
    }

    @Override
    public java.util.Optional<PoolStatistics> poolStatistics() {
        return next.poolStatistics();
    }

    @Override
    public String providerName() {
        return next.providerName();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type.isInstance(this) ? type.cast(this) : next.unwrap(type);
    }

    @Override
    public void close() {
        next.close();
    }
}
