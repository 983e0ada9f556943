package dev.falkor.orm.core.internal.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Cypher pieces of a derived query for one call: a projection to put between the MATCH and
 * the WHERE (usually empty), the WHERE condition, the ORDER BY and LIMIT clauses, and the
 * parameters they reference. Values are only ever parameters ({@code $p0}, {@code $p1}, ... for
 * method argument 0, 1, ...; {@code $__limit} for {@code First}/{@code Top}); property names,
 * labels and relationship types come from validated metadata, back-quoted.
 *
 * <p>The caller assembles the statement, for example
 * <pre>{@code
 * CypherCondition c = CypherCondition.render(tree, "n", args, converter);
 * String cypher = "MATCH (n:`Person`) " + c.afterMatch() + " RETURN n " + c.orderBy() + " " + c.limit();
 * }</pre>
 *
 * <p>Parts on relationship paths ({@code findByEmployerName}, {@code findByFriendsIsEmpty}) are
 * existence tests on the node; their semantics are described on the renderer
 * ({@code CypherRenderer}). Those that are equalities render as pattern predicates inside
 * {@link #where}; the others are computed in {@link #projection}
 * ({@code WITH n, size([...]) > 0 AS __c0}) and {@link #where} refers to the flags, because
 * FalkorDB 4.x cannot evaluate a pattern comprehension in a WHERE right after a MATCH. A caller
 * that cannot place a projection must refuse the parts for which {@link #needsProjection} is
 * true. The projection keeps only the node variable bound.
 *
 * <p>Null semantics: a missing ({@code null}) property never satisfies a value comparison
 * ({@code Not}, {@code NotIn}, {@code NotLike} and {@code NotContaining} on strings included),
 * except that a null collection counts as empty ({@code IsEmpty}, {@code NotContaining} on
 * collections) and a null string as empty for {@code IsEmpty}. A {@code null} argument to
 * {@code Is}/{@code Equals} renders {@code IS NULL}, to {@code Not} {@code IS NOT NULL}; any
 * other operator rejects a null argument.
 *
 * @param projection {@code WITH n, <flag> AS __c0, ...} computing the flags the condition
 *                   refers to, or empty (always empty unless a part {@link #needsProjection})
 * @param where      the boolean condition, without the {@code WHERE} keyword; empty if the
 *                   method has no conditions
 * @param orderBy    {@code ORDER BY n.`a` ASC, n.`b` DESC}, or empty
 * @param limit      {@code LIMIT $__limit}, or empty
 * @param parameters the parameter values by name, in order
 */
public record CypherCondition(String projection, String where, String orderBy, String limit,
                              Map<String, Object> parameters) {

    /** The name of the limit parameter. */
    public static final String LIMIT_PARAMETER = "__limit";

    public CypherCondition {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(orderBy, "orderBy");
        Objects.requireNonNull(limit, "limit");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A condition without projection. */
    public CypherCondition(String where, String orderBy, String limit, Map<String, Object> parameters) {
        this("", where, orderBy, limit, parameters);
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
     * @throws dev.falkor.orm.api.MappingException if the tree sorts by a relationship path
     * @throws IllegalArgumentException if the arguments do not fit (count, null, type, invalid
     *         regex, an entity without id compared with a relationship's target)
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

    /**
     * True if {@code part} (on a relationship path) may need a {@link #projection}: every
     * operator but the equalities that render as pattern predicates ({@code Is}/{@code Equals}
     * without IgnoreCase, {@code True}, {@code False} on a related property; {@code IsNull},
     * {@code IsNotNull}, {@code IsEmpty}, {@code IsNotEmpty}, {@code Is}, {@code Containing},
     * {@code NotContaining} on the relationship itself). False for local parts.
     */
    public static boolean needsProjection(Part part) {
        return CypherRenderer.needsProjection(Objects.requireNonNull(part, "part"));
    }

    /**
     * Why sorting by {@code key} is refused, or null if it can be sorted by: keys that reach
     * into related nodes are refused. The message does not name the method.
     */
    public static String sortProblem(SortKey key) {
        return key.path().size() > 1 || key.leaf().relationship() ? CypherRenderer.sortProblem(key) : null;
    }

    /** {@code WHERE <condition>}, or empty if there is no condition. */
    public String whereClause() {
        return where.isEmpty() ? "" : "WHERE " + where;
    }

    /** What follows the MATCH: {@code [<projection> ]WHERE <condition>}, or empty if there is no condition. */
    public String afterMatch() {
        return projection.isEmpty() ? whereClause() : projection + " " + whereClause();
    }
}
