package dev.falkor.orm.core.internal.exec;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import java.util.function.UnaryOperator;

/**
 * Runs one statement. Every statement the mapper sends passes exactly one executor, so
 * cross-cutting concerns (the query log, a result cache, session buffering, metrics) are
 * decorators around it rather than code in each caller.
 */
@FunctionalInterface
public interface Executor {

    QueryResult execute(GraphQuery query);

    /** The executor that sends straight to the transport. */
    static Executor of(Transport transport) {
        return transport::execute;
    }

    /** This executor wrapped by {@code decorator}. */
    default Executor decorate(UnaryOperator<Executor> decorator) {
        return decorator.apply(this);
    }
}
