package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Scored;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.query.CypherCondition;
import dev.falkor.orm.core.internal.query.DomainModel;
import dev.falkor.orm.core.internal.query.PartTree;
import dev.falkor.orm.core.internal.relation.FetchTree;
import dev.falkor.orm.spi.QueryResult;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A full-text or vector search method, resolved at bootstrap:
 *
 * <ul>
 *   <li>{@code List<Scored<T>> search<Property>[By<conditions>](String query, <condition args>, int limit)}:
 *       {@code db.idx.fulltext.queryNodes} over a {@code @FulltextIndexed} property, best first;</li>
 *   <li>{@code List<Scored<T>> nearest<Property>[By<conditions>](float[] vector, <condition args>, int k)}:
 *       {@code db.idx.vector.queryNodes} over a {@code @VectorIndexed} property, closest first
 *       (the conditions filter the {@code k} nearest, so fewer may come back).</li>
 * </ul>
 *
 * The conditions are those of derived queries, on the entity's own properties. Values travel as
 * parameters; the label and property come from the mapping.
 */
final class SearchMethod {
    private final Method method;
    private final EntityOperations<Object> ops;
    private final boolean vector;
    private final PersistentProperty property;
    private final PartTree conditions;
    private final Values values;
    private final boolean async;
    private final String statementHead;
    private final String statementTail;

    static boolean isSearch(Method m) {
        String n = m.getName();
        return (n.startsWith("search") && n.length() > 6 && Character.isUpperCase(n.charAt(6)))
                || (n.startsWith("nearest") && n.length() > 7 && Character.isUpperCase(n.charAt(7)));
    }

    SearchMethod(Method method, EntityOperations<Object> ops, DomainModel model, Values values) {
        this.method = method;
        this.ops = ops;
        this.values = values;
        String where = QueryMethods.describe(method);
        this.vector = method.getName().startsWith("nearest");
        String rest = method.getName().substring(vector ? 7 : 6);
        int by = rest.indexOf("By");
        String propertyName = by > 0 ? rest.substring(0, by) : rest;
        String javaName = Character.toLowerCase(propertyName.charAt(0)) + propertyName.substring(1);
        this.property = ops.metadata().properties().stream().filter(p -> p.javaName().equals(javaName)).findFirst()
                .orElseThrow(() -> new MappingException(where + ": " + ops.metadata().type().getName() + " has no "
                        + "property '" + javaName + "'"));
        if (vector && property.vector() == null) {
            throw new MappingException(where + ": " + property.describe() + " is not @VectorIndexed");
        }
        if (!vector && property.fulltext() == null) {
            throw new MappingException(where + ": " + property.describe() + " is not @FulltextIndexed");
        }
        this.conditions = by > 0 ? PartTree.parse("findBy" + rest.substring(by + 2), ops.metadata().type(), model) : null;
        if (conditions != null && (conditions.parts().stream().anyMatch(p -> p.isNested() || p.path().get(0).relationship())
                || !conditions.sort().isEmpty())) {
            throw new MappingException(where + ": search conditions are on the entity's own properties, without "
                    + "relationships or order (results come ordered by score)");
        }
        Class<?>[] params = method.getParameterTypes();
        int conditionArgs = conditions == null ? 0 : conditions.argumentCount();
        if (params.length != conditionArgs + 2 || params[0] != (vector ? float[].class : String.class)
                || (params[params.length - 1] != int.class && params[params.length - 1] != Integer.class)) {
            throw new MappingException(where + ": declare (" + (vector ? "float[] vector" : "String query")
                    + (conditionArgs == 0 ? "" : ", " + conditionArgs + " condition argument(s)") + ", int "
                    + (vector ? "k" : "limit") + ")");
        }
        Type generic = method.getGenericReturnType();
        Class<?> raw = method.getReturnType();
        this.async = raw == CompletableFuture.class || raw == CompletionStage.class;
        if (async) {
            generic = generic instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : null;
        }
        if (!(generic instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] instanceof ParameterizedType scored
                && scored.getRawType() == Scored.class)) {
            throw new MappingException(where + ": a search method returns List<Scored<"
                    + ops.metadata().type().getSimpleName() + ">> (or a CompletableFuture of it)");
        }
        String items = ops.shape().returnItems("n");
        this.statementHead = vector
                ? "CALL db.idx.vector.queryNodes($__label, $__property, $__k, vecf32($__vector)) YIELD node, score "
                + "WITH node AS n, score"
                : "CALL db.idx.fulltext.queryNodes($__label, $__query) YIELD node, score WITH node AS n, score";
        this.statementTail = " RETURN " + items + ", score AS __score ORDER BY __score " + (vector ? "ASC" : "DESC")
                + (vector ? "" : " LIMIT $__limit");
    }

    Object invoke(Object[] args) {
        return async ? ops.graph().runAsync(() -> step(args)) : ops.graph().run(step(args));
    }

    private Step<Object> step(Object[] args) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("__label", ops.metadata().primaryLabel());
        int n = ((Number) args[args.length - 1]).intValue();
        if (n < 1) {
            throw new IllegalArgumentException(QueryMethods.describe(method) + ": " + (vector ? "k" : "limit")
                    + " must be at least 1, was " + n);
        }
        if (vector) {
            float[] v = (float[]) args[0];
            if (v == null || v.length != property.vector().dimension()) {
                throw new IllegalArgumentException(QueryMethods.describe(method) + ": the query vector must have "
                        + property.vector().dimension() + " elements, had " + (v == null ? "none" : v.length));
            }
            List<Double> list = new ArrayList<>(v.length);
            for (float f : v) {
                list.add((double) f);
            }
            params.put("__property", property.graphName());
            params.put("__k", (long) n);
            params.put("__vector", list);
        } else {
            if (args[0] == null) {
                throw new IllegalArgumentException(QueryMethods.describe(method) + ": the query must not be null");
            }
            params.put("__query", args[0]);
            params.put("__limit", (long) n);
        }
        String where = "";
        if (conditions != null) {
            CypherCondition c = CypherCondition.render(conditions, "n",
                    Arrays.asList(args).subList(1, args.length - 1), values::toParameter);
            params.putAll(c.parameters());
            where = c.where().isEmpty() ? "" : " WHERE " + c.where();
        }
        String cypher = statementHead + where + statementTail;
        return Step.run(ops.graph().readQuery(cypher, params), true, r -> (Object) scored(r));
    }

    private List<Scored<Object>> scored(QueryResult r) {
        List<Object> entities = ops.readAll(r, FetchTree.none());
        int score = r.indexOf("__score");
        List<Scored<Object>> out = new ArrayList<>(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            Object s = r.rows().get(i).get(score).asJava();
            out.add(new Scored<>(entities.get(i), s instanceof Number num ? num.doubleValue()
                    : Double.parseDouble(String.valueOf(s))));
        }
        return out;
    }
}
