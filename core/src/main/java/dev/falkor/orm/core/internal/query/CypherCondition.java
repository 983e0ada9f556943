package dev.falkor.orm.core.internal.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Cypher pieces of a derived query for one call: the WHERE condition, the ORDER BY and
 * LIMIT clauses, and the parameters they reference. Values are only ever parameters
 * ({@code $p0}, {@code $p1}, ... for method argument 0, 1, ...; {@code $__limit} for
 * {@code First}/{@code Top}); property names come from {@link PropertyRef#graphName()},
 * back-quoted.
 *
 * <p>The caller assembles the statement, for example
 * <pre>{@code
 * CypherCondition c = CypherCondition.render(tree, "n", args, converter);
 * String cypher = "MATCH (n:`Person`) " + c.whereClause() + " RETURN n " + c.orderBy() + " " + c.limit();
 * }</pre>
 *
 * <p>Null semantics: a missing ({@code null}) property never satisfies a value comparison
 * ({@code Not}, {@code NotIn}, {@code NotLike} and {@code NotContaining} on strings included),
 * except that a null collection counts as empty ({@code IsEmpty}, {@code NotContaining} on
 * collections) and a null string as empty for {@code IsEmpty}. A {@code null} argument to
 * {@code Is}/{@code Equals} renders {@code IS NULL}, to {@code Not} {@code IS NOT NULL}; any
 * other operator rejects a null argument.
 *
 * @param where      the boolean condition, without the {@code WHERE} keyword; empty if the
 *                   method has no conditions
 * @param orderBy    {@code ORDER BY n.`a` ASC, n.`b` DESC}, or empty
 * @param limit      {@code LIMIT $__limit}, or empty
 * @param parameters the parameter values by name, in order
 */
public record CypherCondition(String where, String orderBy, String limit, Map<String, Object> parameters) {

    /** The name of the limit parameter. */
    public static final String LIMIT_PARAMETER = "__limit";

    public CypherCondition {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(orderBy, "orderBy");
        Objects.requireNonNull(limit, "limit");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Renders a parsed method for one call.
     *
     * @param tree         the parsed method name
     * @param nodeVariable the variable the caller's MATCH binds the entity node to, e.g. {@code n}
     * @param arguments    the method arguments the conditions consume, in order (exactly
     *                     {@link PartTree#argumentCount()}; may contain nulls)
     * @param toGraph      converts a Java argument to a graph parameter value; applied to each
     *                     non-null argument, and to each element of an {@code In}/{@code NotIn}
     *                     collection or array
     * @throws dev.falkor.orm.api.MappingException if the tree uses something not supported yet
     *         (property paths through relationships)
     * @throws IllegalArgumentException if the arguments do not fit (count, null, type, invalid regex)
     */
    public static CypherCondition render(PartTree tree, String nodeVariable, List<?> arguments,
                                         Function<Object, Object> toGraph) {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(nodeVariable, "nodeVariable");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(toGraph, "toGraph");
        return new CypherRenderer(tree, nodeVariable, arguments, toGraph).render();
    }

    /**
     * Like {@link #render}, reusing the text of {@code template} (a render of the same tree for
     * arguments with the same {@link #textKey}): the checks and parameter conversions run, no
     * text is built. For callers that cache the text per key.
     */
    public static CypherCondition bind(PartTree tree, String nodeVariable, List<?> arguments,
                                       Function<Object, Object> toGraph, CypherCondition template) {
        Objects.requireNonNull(template, "template");
        return new CypherRenderer(tree, nodeVariable, arguments, toGraph).bind(template);
    }

    /** What the rendered text depends on for these arguments besides the tree (see {@link #bind}). */
    public static long textKey(PartTree tree, List<?> arguments) {
        return CypherRenderer.textKey(tree, arguments);
    }

    /** {@code WHERE <condition>}, or empty if there is no condition. */
    public String whereClause() {
        return where.isEmpty() ? "" : "WHERE " + where;
    }
}
