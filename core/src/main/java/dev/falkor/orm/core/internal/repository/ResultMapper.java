package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.core.internal.query.ExactReturn;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.NodeValue;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps the rows of a user-written query to one element type: an entity (the node in the first
 * column), a projection (columns by alias, or the node's properties), or a scalar (the first
 * column). Decided once per method; shared by {@code @Query} methods and {@code FalkorOrm.query}.
 *
 * <p>When the element type reads doubles (a {@code Double}/{@code Float} scalar or a list of
 * them, or a projection with such properties read from columns), the query text is rewritten
 * once ({@link #prepare}) so those columns come back bit-exactly ({@link ExactReturn}); a query
 * whose shape cannot be rewritten is refused rather than read with the server's 15 digits.
 */
final class ResultMapper<T> {
    private final Function<QueryResult, Step<List<T>>> mapping;
    /** For entity results: the first column rewritten to the entity's read items, and how to read them. */
    private final Function<String, java.util.Optional<ExactReturn.Rewrite>> entityRewrite;
    private final Function<QueryResult, Step<List<T>>> rewrittenMapping;
    /** The columns to read in exact form, or null when the element type reads no doubles. */
    private final Function<ExactReturn.Column, ExactReturn.Form> exact;
    /** For {@link ExactReturn.Form#NODE} columns: the node properties read exactly. */
    private final Map<String, ExactReturn.Form> nodeProperties;
    private final String readAs;

    private ResultMapper(Function<QueryResult, Step<List<T>>> mapping, Function<ExactReturn.Column, ExactReturn.Form> exact,
                         Map<String, ExactReturn.Form> nodeProperties, String readAs) {
        this(mapping, exact, nodeProperties, readAs, null, null);
    }

    private ResultMapper(Function<QueryResult, Step<List<T>>> mapping, Function<ExactReturn.Column, ExactReturn.Form> exact,
                         Map<String, ExactReturn.Form> nodeProperties, String readAs,
                         Function<String, java.util.Optional<ExactReturn.Rewrite>> entityRewrite,
                         Function<QueryResult, Step<List<T>>> rewrittenMapping) {
        this.entityRewrite = entityRewrite;
        this.rewrittenMapping = rewrittenMapping;
        this.mapping = mapping;
        this.exact = exact;
        this.nodeProperties = nodeProperties;
        this.readAs = readAs;
    }

    /**
     * Maps the reply of the statement {@link #prepare} gave for {@code rewrite}: a step, because
     * entities with doubles are fetched once more by id (their node values carry rounded doubles).
     */
    Step<List<T>> map(QueryResult result, ExactReturn.Rewrite rewrite) {
        return map(result, rewrite, null);
    }

    /**
     * As {@link #map(QueryResult, ExactReturn.Rewrite)}; entities then get their relationship
     * fields from columns named like them, and the relationships of {@code plan} (null: the
     * eager defaults).
     */
    @SuppressWarnings("unchecked")
    Step<List<T>> map(QueryResult result, ExactReturn.Rewrite rewrite, dev.falkor.orm.api.FetchPlan plan) {
        QueryResult decoded = rewrite.decode(result);
        Step<List<T>> rows = entityRewrite != null && !rewrite.isUnchanged() ? rewrittenMapping.apply(decoded)
                : mapping.apply(decoded);
        if (entityOps == null || !entityOps.hasRelationships()) {
            return rows;
        }
        return rows.flatMap(list -> (Step<List<T>>) (Step<?>) entityOps.withRelated(decoded, (List<Object>) list, plan));
    }

    private EntityOperations<Object> entityOps;

    /**
     * The statement to send for {@code cypher}: unchanged when no column needs exact doubles,
     * otherwise with its final RETURN rewritten.
     *
     * @param where names the method or call, for the error
     * @throws MappingException if doubles are needed and the query's shape is not understood
     */
    ExactReturn.Rewrite prepare(String cypher, String where) {
        if (entityRewrite != null) {
            // an entity column read by name: no node ids to resolve, exact doubles in the same reply;
            // a shape the rewriter does not follow is read as the server sends the node
            return entityRewrite.apply(cypher).orElseGet(() -> ExactReturn.Rewrite.unchanged(cypher));
        }
        if (exact == null) {
            return ExactReturn.Rewrite.unchanged(cypher);
        }
        ExactReturn.Analysis a = ExactReturn.analyse(cypher, exact, nodeProperties);
        if (a.rewrite().isPresent()) {
            return a.rewrite().get();
        }
        throw new MappingException(where + ": the rows are read as " + readAs + ", whose doubles must come back "
                + "bit-exactly (FalkorDB prints doubles with 15 significant digits), so the query's final RETURN is "
                + "rewritten to read them exactly; this query cannot be, because " + a.problem().reason() + ". "
                + "To fix: " + a.problem().advice() + "; or return the node and read it as the entity. "
                + "To accept 15 significant digits instead, read the column as Number or Object [query: " + cypher + "]");
    }

    @SuppressWarnings("unchecked")
    static <T> ResultMapper<T> of(Class<T> type, Type genericType, RepositoryFactory factory) {
        ReturnType.ElementKind kind = ReturnType.kindOf(type, null);
        Values values = factory.values();
        return switch (kind) {
            case ENTITY -> {
                EntityOperations<Object> ops = factory.operations(type);
                ResultMapper<T> m = new ResultMapper<>(r -> (Step<List<T>>) (Step<?>) ops.readNodesStep(r, 0), null, Map.of(),
                        type.getName(), cypher -> ExactReturn.rewriteFirstColumnAsEntity(cypher,
                                g -> ops.shape().returnItems(g)),
                        r -> Step.done((List<T>) ops.readEntityColumn(r)));
                m.entityOps = ops;
                yield m;
            }
            case INTERFACE_PROJECTION, RECORD_PROJECTION ->
                    projection(Projections.plan(type, null, factory.lookup()), values, type);
            case SCALAR -> new ResultMapper<>(r -> {
                List<T> out = new ArrayList<>(r.rows().size());
                for (List<GraphValue> row : r.rows()) {
                    out.add((T) values.fromGraph(row.get(0), type));
                }
                return Step.done(out);
            }, scalarForm(Projections.formOf(type, genericType)), Map.of(),
                    genericType != null ? genericType.getTypeName() : type.getName());
        };
    }

    /**
     * A projection of {@code entity}: from a single node column, or from columns named like its
     * properties. The double properties are read exactly either way: a lone column in the NODE
     * form (a node's properties, or a value), other columns by their names.
     */
    @SuppressWarnings("unchecked")
    static <T> ResultMapper<T> projection(Projections.Plan plan, Values values, Class<?> type) {
        Map<String, ExactReturn.Form> exactColumns = plan.exactColumns();
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
            return Step.done(out);
        }, exactColumns.isEmpty() ? null : c -> c.count() == 1 && exactColumns.get(c.name()) != ExactReturn.Form.LIST
                ? ExactReturn.Form.NODE : exactColumns.getOrDefault(c.name(), ExactReturn.Form.NONE),
                plan.exactNodeProperties(), "projection " + type.getName() + " " + new java.util.TreeSet<>(exactColumns.keySet()));
    }

    /** The first column in {@code form}, or null for none. */
    private static Function<ExactReturn.Column, ExactReturn.Form> scalarForm(ExactReturn.Form form) {
        return form == ExactReturn.Form.NONE ? null : c -> c.index() == 0 ? form : ExactReturn.Form.NONE;
    }
}
