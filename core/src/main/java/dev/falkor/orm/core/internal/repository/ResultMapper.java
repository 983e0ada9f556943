package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.NodeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maps the rows of a user-written query to one element type: an entity (the node in the first
 * column), a projection (columns by alias, or the node's properties), or a scalar (the first
 * column). Decided once per method; shared by {@code @Query} methods and {@code FalkorOrm.query}.
 */
final class ResultMapper<T> {
    private final Function<QueryResult, List<T>> mapping;

    private ResultMapper(Function<QueryResult, List<T>> mapping) {
        this.mapping = mapping;
    }

    List<T> map(QueryResult result) {
        return mapping.apply(result);
    }

    @SuppressWarnings("unchecked")
    static <T> ResultMapper<T> of(Class<T> type, RepositoryFactory factory) {
        ReturnType.ElementKind kind = ReturnType.kindOf(type, null);
        Values values = factory.values();
        return switch (kind) {
            case ENTITY -> {
                EntityOperations<Object> ops = factory.operations(type);
                yield new ResultMapper<>(r -> (List<T>) ops.readNodes(r, 0));
            }
            case INTERFACE_PROJECTION, RECORD_PROJECTION ->
                    projection(Projections.plan(type, null, factory.lookup()), values);
            case SCALAR -> new ResultMapper<>(r -> {
                List<T> out = new ArrayList<>(r.rows().size());
                for (List<GraphValue> row : r.rows()) {
                    out.add((T) values.fromGraph(row.get(0), type));
                }
                return out;
            });
        };
    }

    /** A projection of {@code entity}: from a single node column, or from columns named like its properties. */
    @SuppressWarnings("unchecked")
    static <T> ResultMapper<T> projection(Projections.Plan plan, Values values) {
        return new ResultMapper<>(r -> {
            List<T> out = new ArrayList<>(r.rows().size());
            boolean nodeColumn = r.columns().size() == 1;
            for (List<GraphValue> row : r.rows()) {
                if (nodeColumn && row.get(0) instanceof NodeValue n) {
                    out.add((T) plan.fromNode(n, values));
                } else {
                    out.add((T) plan.fromColumns(r.columns(), row, values, false));
                }
            }
            return out;
        });
    }
}
