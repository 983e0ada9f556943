package dev.falkor.orm.core.internal.query;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.Relationship;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Renders a {@link PartTree} to a {@link CypherCondition}; one instance per call.
 *
 * <h2>Parts on relationship paths</h2>
 * A part whose path goes through relationships ({@code findByEmployerName},
 * {@code findByFriendsAgeGreaterThan}, {@code findByEmployerAddressCity}) or is a relationship
 * itself ({@code findByEmployerIsNull}, {@code findByFriendsContaining(person)}) is an
 * <em>existence test</em> on the root node: it never joins rows, so each root node appears once
 * and counts stay exact. The semantics:
 * <ul>
 *   <li>A condition on a property of related nodes holds if <em>some</em> node reached over the
 *       path (every hop with its relationship type, direction and the target's primary label)
 *       satisfies it, with the operator's usual meaning for local properties. On a to-many path
 *       that is "some friend is older than 30"; negative operators keep that reading
 *       ({@code findByFriendsNameNot("Bob")}: some friend is not named Bob), and so do the null
 *       tests: {@code findByEmployerNameIsNull} finds nodes with an employer that has no name, not
 *       nodes without an employer. Nodes without any related node never match such a part.</li>
 *   <li>A property of a relationship-properties class ({@code findByJobsRole}, where
 *       {@code jobs} is a {@code List<Employment>}) is tested on the relationship itself, with
 *       the same "some relationship" meaning.</li>
 *   <li>On the relationship itself: {@code IsNull}/{@code IsEmpty} mean "has no such
 *       relationship (to a node with the target's label)", {@code IsNotNull}/{@code IsNotEmpty}
 *       "has at least one". {@code Is}/{@code Equals} and {@code Containing} with an entity
 *       argument mean "is related to that entity" (compared by the target's id property),
 *       {@code NotContaining} "is not related to it", {@code Not} "is related to some other
 *       entity", {@code In}/{@code NotIn} "is related to some entity (not) among those". A
 *       {@code null} argument to {@code Is} means "has no such relationship", to {@code Not}
 *       "has one".</li>
 *   <li>{@code Is}/{@code Not} with a {@code null} argument on a <em>property</em> of related
 *       nodes is rejected: it could mean "has no employer" or "has an employer without a name";
 *       {@code IsNull} says the latter, {@code EmployerIsNull} the former.</li>
 *   <li>Each part is tested on its own: {@code findByFriendsNameAndFriendsAge} finds nodes with
 *       some friend of that name and some (possibly other) friend of that age.</li>
 *   <li>Sorting by a path is refused: a to-many path has no single value per row.</li>
 * </ul>
 *
 * <h2>Two forms</h2>
 * FalkorDB 4.x cannot evaluate a pattern comprehension inside a {@code WHERE} that follows a
 * {@code MATCH} ("Unable to resolve filtered alias", FalkorDB issue #310), but it evaluates
 * pattern predicates there. So:
 * <ul>
 *   <li>Parts that only need equalities render as a pattern predicate in the condition, the
 *       compared values travelling as parameters in the pattern's property maps:
 *       {@code (n)-[:`WORKS_AT`]->(:`Company` {`name`: $p0})},
 *       {@code NOT (n)-[:`WORKS_AT`]->(:`Company`)}. That covers {@code Is}/{@code Equals}
 *       (without IgnoreCase), {@code True} and {@code False} on a property, and on the
 *       relationship itself {@code IsNull}, {@code IsNotNull}, {@code IsEmpty},
 *       {@code IsNotEmpty}, {@code Is}, {@code Containing}, {@code NotContaining} and a
 *       {@code Not(null)} (see {@link CypherCondition#needsProjection}).</li>
 *   <li>Every other part is computed as a flag in a projection,
 *       {@code WITH n, size([(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`name` STARTS WITH $p0 | 1]) > 0 AS __c0},
 *       and the condition refers to the flag ({@code __c0}; {@code NOT __c0} for the absence
 *       of a relationship). The pattern comprehension reuses the local rendering of the
 *       operator on the related node's (or relationship's) variable. Once one part needs a
 *       flag, every part on a relationship path of the condition is a flag: FalkorDB fails on
 *       a pattern predicate next to a flag in the WHERE after the WITH ("Type mismatch:
 *       expected Null but was Pointer"). Variables are unique within the statement (FalkorDB
 *       evaluates a later comprehension that reuses a variable name of an earlier one as
 *       empty, FalkorDB issue #2002).</li>
 * </ul>
 * Generated names start with {@code __}, so the node variable must not.
 */
final class CypherRenderer {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Variable of the list comprehension that lower-cases In/NotIn arguments. */
    private static final String ELEMENT = "__e";
    /** Prefix of the variables of related nodes and relationships in pattern comprehensions. */
    private static final String HOP = "__x";
    private static final String EDGE = "__r";
    /** Prefix of the projected flags. */
    private static final String FLAG = "__c";

    private final PartTree tree;
    private final String var;
    private final List<?> arguments;
    private final Function<Object, Object> toGraph;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    /** The projected flags, {@code <expression> AS __c<k>}. */
    private final List<String> flags = new ArrayList<>();
    private int variables;
    /** Set by {@link #render}: parts on relationship paths become projected flags. */
    private boolean projecting;

    CypherRenderer(PartTree tree, String var, List<?> arguments, Function<Object, Object> toGraph) {
        if (!IDENTIFIER.matcher(var).matches() || var.startsWith("__")) {
            throw new IllegalArgumentException("Not a valid node variable: '" + var + "'");
        }
        if (arguments.size() != tree.argumentCount()) {
            throw new IllegalArgumentException(prefix(tree) + "expects " + tree.argumentCount()
                    + " argument(s), got " + arguments.size());
        }
        this.tree = tree;
        this.var = var;
        this.arguments = arguments;
        this.toGraph = toGraph;
    }

    CypherCondition render() {
        for (SortKey k : tree.sort()) {
            if (k.path().size() > 1 || k.leaf().relationship()) {
                throw new MappingException(prefix(tree) + sortProblem(k));
            }
        }
        projecting = projecting();
        String where = where();
        List<String> keys = new ArrayList<>();
        for (SortKey k : tree.sort()) {
            String direction = k.direction() == SortKey.Direction.DESC ? "DESC" : "ASC";
            String prop = property(var, k.leaf());
            keys.add(int64(k.leaf(), false) ? Int64.orderItems(prop, direction) : prop + " " + direction);
        }
        String orderBy = keys.isEmpty() ? "" : "ORDER BY " + String.join(", ", keys);
        String limit = "";
        if (tree.subject().isLimiting()) {
            parameters.put(CypherCondition.LIMIT_PARAMETER, tree.subject().maxResults().getAsInt());
            limit = "LIMIT $" + CypherCondition.LIMIT_PARAMETER;
        }
        String projection = flags.isEmpty() ? "" : "WITH " + var + ", " + String.join(", ", flags);
        return new CypherCondition(projection, where, orderBy, limit, parameters);
    }

    /** Why {@code k} cannot be sorted by (it reaches into related nodes); a message without the method. */
    static String sortProblem(SortKey k) {
        return "OrderBy cannot sort by '" + k.dotPath() + "', which reaches into related nodes: each result "
                + "is one node, and with several related nodes there is no single value to sort it by; "
                + "sort by a property of the entity itself";
    }

    /**
     * The parameters for this call with the text of {@code template}, which a {@link #render}
     * with the same {@link #textKey} produced: the same checks and conversions as rendering, no
     * Cypher text built.
     */
    CypherCondition bind(CypherCondition template) {
        for (AndGroup g : tree.criteria().alternatives()) {
            for (Part p : g.parts()) {
                bindPart(p);
            }
        }
        if (tree.subject().isLimiting()) {
            parameters.put(CypherCondition.LIMIT_PARAMETER, tree.subject().maxResults().getAsInt());
        }
        return new CypherCondition(template.projection(), template.where(), template.orderBy(), template.limit(),
                parameters);
    }

    /**
     * What the text depends on besides the method: which Is/Not arguments are null (they
     * render {@code IS NULL}, or the absence of a relationship); bit i for argument i, or -1
     * (do not cache) past 62 arguments.
     */
    static long textKey(PartTree tree, List<?> arguments) {
        long key = 0;
        for (AndGroup g : tree.criteria().alternatives()) {
            for (Part p : g.parts()) {
                if (p.operator() == Operator.EQUALS || p.operator() == Operator.NOT_EQUALS) {
                    if (p.argumentIndex() > 62) {
                        return -1;
                    }
                    if (arguments.get(p.argumentIndex()) == null) {
                        key |= 1L << p.argumentIndex();
                    }
                }
            }
        }
        return key;
    }

    /**
     * True if the part on a relationship path needs a projected flag for some argument; false
     * for local parts and for parts that always render as a pattern predicate.
     */
    static boolean needsProjection(Part p) {
        if (!p.onRelationship()) {
            return false;
        }
        boolean bare = p.leaf().relationship();
        return switch (p.operator()) {
            case IS_NULL, IS_NOT_NULL, IS_EMPTY, IS_NOT_EMPTY, CONTAINING, NOT_CONTAINING -> !bare;
            case EQUALS -> !bare && p.ignoreCase();
            case TRUE, FALSE -> false;
            default -> true;
        };
    }

    /** The parameters {@link #part} registers for {@code p}, with the same checks. */
    private void bindPart(Part p) {
        int i = p.argumentIndex();
        boolean ic = p.ignoreCase();
        switch (p.operator()) {
            case EQUALS, NOT_EQUALS -> {
                Object v = equalityValue(p);
                if (v != null) {
                    scalar(p, 0, v);
                }
            }
            case LESS_THAN, BEFORE, LESS_THAN_EQUAL, GREATER_THAN, AFTER, GREATER_THAN_EQUAL, STARTING_WITH,
                    ENDING_WITH, CONTAINING, NOT_CONTAINING -> scalar(p, 0);
            case BETWEEN -> {
                scalar(p, 0);
                scalar(p, 1);
            }
            case IN, NOT_IN -> list(p);
            case LIKE, NOT_LIKE -> regex(i, RegexPatterns.like(string(p)), ic);
            case MATCHES -> regex(i, RegexPatterns.matches(string(p), ic), false);
            case IS_NULL, IS_NOT_NULL, TRUE, FALSE, IS_EMPTY, IS_NOT_EMPTY -> {
                // no argument
            }
        }
    }

    private String where() {
        List<AndGroup> groups = tree.criteria().alternatives();
        List<String> ors = new ArrayList<>();
        for (AndGroup g : groups) {
            List<String> ands = new ArrayList<>();
            for (Part p : g.parts()) {
                ands.add(p.onRelationship() ? related(p) : part(p, var, p.leaf()));
            }
            String and = String.join(" AND ", ands);
            ors.add(groups.size() > 1 && ands.size() > 1 ? "(" + and + ")" : and);
        }
        return String.join(" OR ", ors);
    }

    // ---------------------------------------------------------------- relationship paths

    /**
     * True if this call projects flags: some part on a relationship path needs one. Then every
     * part on a relationship path becomes a flag, since FalkorDB fails on a pattern predicate
     * next to a flag in the WHERE that follows the WITH ("Type mismatch: expected Null but was
     * Pointer"). Depends on the arguments only through a null Not argument, which
     * {@link #textKey} covers.
     */
    private boolean projecting() {
        for (Part p : tree.parts()) {
            boolean predicateNow = p.leaf().relationship() && p.operator() == Operator.NOT_EQUALS
                    && arguments.get(p.argumentIndex()) == null;
            if (needsProjection(p) && !predicateNow) {
                return true;
            }
        }
        return false;
    }

    /** A part on a relationship path: a pattern predicate, or a reference to a projected flag. */
    private String related(Part p) {
        PropertyRef leaf = p.leaf();
        boolean bare = leaf.relationship();
        List<PropertyRef> hops = bare ? p.path() : p.path().subList(0, p.path().size() - 1);
        PropertyRef.Hop last = hops.get(hops.size() - 1).hop();
        boolean onEdge = !bare && last.hasProperties() && leaf.owner() == last.edgeClass();
        return projecting ? flag(p, hops, last, bare, onEdge) : predicate(p, hops, last, bare, onEdge);
    }

    /** The pattern predicate of a part for which {@link #needsProjection} is false. */
    private String predicate(Part p, List<PropertyRef> hops, PropertyRef.Hop last, boolean bare, boolean onEdge) {
        if (bare) {
            return switch (p.operator()) {
                case IS_NULL, IS_EMPTY -> "NOT " + pattern(hops, "", "");
                case IS_NOT_NULL, IS_NOT_EMPTY, NOT_EQUALS -> pattern(hops, "", ""); // Not(null) only
                case EQUALS -> {
                    Object v = equalityValue(p);
                    yield v == null ? "NOT " + pattern(hops, "", "") : pattern(hops, "", idMap(last, scalar(p, 0, v)));
                }
                case CONTAINING -> pattern(hops, "", idMap(last, scalar(p, 0)));
                case NOT_CONTAINING -> "NOT " + pattern(hops, "", idMap(last, scalar(p, 0)));
                default -> throw new IllegalStateException(p.operator() + " needs a projection");
            };
        }
        String map = switch (p.operator()) {
            case EQUALS -> map(p.leaf(), scalar(p, 0, equalityValue(p)));
            case TRUE -> map(p.leaf(), "true");
            case FALSE -> map(p.leaf(), "false");
            default -> throw new IllegalStateException(p.operator() + " needs a projection");
        };
        return onEdge ? pattern(hops, map, "") : pattern(hops, "", map);
    }

    /**
     * A projected flag for the part, {@code size([<pattern> WHERE <condition> | 1]) > 0}, with
     * the operator rendered on the related node's (or relationship's) variable as on a local
     * property; the condition refers to the flag, negated for the absence of a relationship.
     */
    private String flag(Part p, List<PropertyRef> hops, PropertyRef.Hop last, boolean bare, boolean onEdge) {
        String node = HOP + variables;
        String edge = EDGE + variables;
        variables++;
        String condition;
        boolean negate = false;
        if (bare) {
            PropertyRef id = PropertyRef.simple(p.leaf().targetEntity(), "id", last.targetId(), Object.class, false);
            String idProperty = property(node, id);
            switch (p.operator()) {
                case IS_NULL, IS_EMPTY -> {
                    condition = null;
                    negate = true;
                }
                case IS_NOT_NULL, IS_NOT_EMPTY -> condition = null;
                case EQUALS -> {
                    Object v = equalityValue(p);
                    condition = v == null ? null : idProperty + " = " + scalar(p, 0, v);
                    negate = v == null;
                }
                case NOT_EQUALS -> condition = arguments.get(p.argumentIndex()) == null ? null : part(p, node, id);
                case CONTAINING -> condition = idProperty + " = " + scalar(p, 0);
                case NOT_CONTAINING -> {
                    condition = idProperty + " = " + scalar(p, 0);
                    negate = true;
                }
                default -> condition = part(p, node, id); // In, NotIn
            }
        } else {
            condition = part(p, onEdge ? edge : node, p.leaf());
        }
        boolean named = condition != null;
        String pattern = pattern(hops, named && onEdge ? edge : "", "", named && !onEdge ? node : "", "");
        String flag = FLAG + flags.size();
        flags.add("size([" + pattern + (condition == null ? "" : " WHERE " + condition) + " | 1]) > 0 AS " + flag);
        return negate ? "NOT " + flag : flag;
    }

    /** The path's anonymous pattern from the root variable, with a property map on the last relationship or node. */
    private String pattern(List<PropertyRef> hops, String edgeMap, String nodeMap) {
        return pattern(hops, "", edgeMap, "", nodeMap);
    }

    /**
     * {@code (n)-[:`A`]->(:`B`)<-[r:`C` {...}]-(x:`D` {...})}: the root, every hop anonymous but
     * the last, which gets the given variables and property maps (each may be empty).
     */
    private String pattern(List<PropertyRef> hops, String edgeVariable, String edgeMap, String nodeVariable,
                           String nodeMap) {
        StringBuilder sb = new StringBuilder("(").append(var).append(')');
        for (int k = 0; k < hops.size(); k++) {
            PropertyRef.Hop h = hops.get(k).hop();
            boolean last = k == hops.size() - 1;
            sb.append(h.direction() == Relationship.Direction.INCOMING ? "<-[" : "-[");
            if (last) {
                sb.append(edgeVariable);
            }
            sb.append(':').append(quote("relationship type", h.type()));
            if (last && !edgeMap.isEmpty()) {
                sb.append(' ').append(edgeMap);
            }
            sb.append(h.direction() == Relationship.Direction.OUTGOING ? "]->(" : "]-(");
            if (last) {
                sb.append(nodeVariable);
            }
            sb.append(':').append(quote("label", h.targetLabel()));
            if (last && !nodeMap.isEmpty()) {
                sb.append(' ').append(nodeMap);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** {@code {`name`: $p0}}. */
    private String map(PropertyRef p, String value) {
        return "{" + quote(p) + ": " + value + "}";
    }

    private String idMap(PropertyRef.Hop h, String value) {
        return "{" + quote("id property", h.targetId()) + ": " + value + "}";
    }

    /**
     * The Is/Not argument: null allowed (it tests for a missing property, or a missing
     * relationship) except on a property of related nodes, where it would be ambiguous.
     */
    private Object equalityValue(Part p) {
        Object v = value(p, 0, true);
        if (v == null && p.onRelationship() && !p.leaf().relationship()) {
            throw new IllegalArgumentException(argument(p, 0) + " must not be null: on a relationship path, use "
                    + "IsNull to find related nodes without the property, or a condition on the relationship "
                    + "itself (IsNull) to find nodes without related nodes");
        }
        return v;
    }

    /** The graph id of an entity argument compared with a relationship's target. */
    private Object entityId(Part p, int offset, Object raw) {
        PropertyRef leaf = p.leaf();
        if (!leaf.targetEntity().isInstance(raw)) {
            throw new IllegalArgumentException(argument(p, offset) + " must be a " + leaf.targetEntity().getName()
                    + ", was " + raw.getClass().getName());
        }
        Object id = leaf.hop().idOf().apply(raw);
        if (id == null) {
            throw new IllegalArgumentException(argument(p, offset) + " is a " + leaf.targetEntity().getSimpleName()
                    + " without an id (not saved yet), so no relationship can lead to it");
        }
        return id;
    }

    // ---------------------------------------------------------------- one condition on one variable

    /**
     * One part compared on {@code variable}'s property {@code leaf}; every fragment binds
     * tighter than AND/OR, so it can be joined as is.
     */
    private String part(Part p, String variable, PropertyRef leaf) {
        String prop = property(variable, leaf);
        boolean ic = p.ignoreCase();
        String lhs = ic ? "toLower(" + prop + ")" : prop;
        int i = p.argumentIndex();
        return switch (p.operator()) {
            case EQUALS -> equality(p, prop, lhs, " = ", " IS NULL");
            case NOT_EQUALS -> equality(p, prop, lhs, " <> ", " IS NOT NULL");
            case LESS_THAN, BEFORE -> int64(leaf, ic) ? Int64.less(lhs, scalar(p, 0)) : lhs + " < " + scalar(p, 0);
            case LESS_THAN_EQUAL -> int64(leaf, ic) ? Int64.lessOrEqual(lhs, scalar(p, 0))
                    : lhs + " <= " + scalar(p, 0);
            case GREATER_THAN, AFTER -> int64(leaf, ic) ? Int64.greater(lhs, scalar(p, 0))
                    : lhs + " > " + scalar(p, 0);
            case GREATER_THAN_EQUAL -> int64(leaf, ic) ? Int64.greaterOrEqual(lhs, scalar(p, 0))
                    : lhs + " >= " + scalar(p, 0);
            case BETWEEN -> int64(leaf, ic)
                    ? "(" + Int64.greaterOrEqual(lhs, scalar(p, 0)) + " AND " + Int64.lessOrEqual(lhs, scalar(p, 1)) + ")"
                    : "(" + lhs + " >= " + scalar(p, 0) + " AND " + lhs + " <= " + scalar(p, 1) + ")";
            case IS_NULL -> prop + " IS NULL";
            case IS_NOT_NULL -> prop + " IS NOT NULL";
            case TRUE -> prop + " = true";
            case FALSE -> prop + " = false";
            case IN -> lhs + " IN " + list(p);
            case NOT_IN -> "(" + prop + " IS NOT NULL AND NOT (" + lhs + " IN " + list(p) + "))";
            case STARTING_WITH -> lhs + " STARTS WITH " + scalar(p, 0);
            case ENDING_WITH -> lhs + " ENDS WITH " + scalar(p, 0);
            case CONTAINING -> leaf.collection()
                    ? scalar(p, 0) + " IN " + prop
                    : lhs + " CONTAINS " + scalar(p, 0);
            case NOT_CONTAINING -> leaf.collection()
                    ? "(" + prop + " IS NULL OR NOT (" + scalar(p, 0) + " IN " + prop + "))"
                    : "NOT (" + lhs + " CONTAINS " + scalar(p, 0) + ")";
            case IS_EMPTY -> "(" + prop + " IS NULL OR size(" + prop + ") = 0)";
            case IS_NOT_EMPTY -> "size(" + prop + ") > 0";
            case LIKE -> "size(string.matchRegEx(" + lhs + ", "
                    + regex(i, RegexPatterns.like(string(p)), ic) + ")) > 0";
            case NOT_LIKE -> "(" + prop + " IS NOT NULL AND size(string.matchRegEx(" + lhs + ", "
                    + regex(i, RegexPatterns.like(string(p)), ic) + ")) = 0)";
            case MATCHES -> "size(string.matchRegEx(" + prop + ", "
                    + regex(i, RegexPatterns.matches(string(p), ic), false) + ")) > 0";
        };
    }

    /** True if comparisons on this property need the overflow-safe 64-bit form. */
    private static boolean int64(PropertyRef leaf, boolean ignoreCase) {
        return !ignoreCase && !leaf.collection() && Int64.applies(leaf.javaType());
    }

    /** The parameter reference for argument {@code offset} of the part, lower-cased for IgnoreCase. */
    private String scalar(Part p, int offset) {
        return scalar(p, offset, value(p, offset, false));
    }

    private String scalar(Part p, int offset, Object v) {
        if (p.ignoreCase() && !(v instanceof String)) {
            throw new IllegalArgumentException(argument(p, offset) + " must be a String for IgnoreCase, was "
                    + v.getClass().getName());
        }
        String ref = parameter(p.argumentIndex() + offset, v);
        return p.ignoreCase() ? "toLower(" + ref + ")" : ref;
    }

    /** A regex parameter; for IgnoreCase the server lower-cases it (see {@link RegexPatterns#like}). */
    private String regex(int index, String regex, boolean lowerOnServer) {
        String ref = parameter(index, regex);
        return lowerOnServer ? "toLower(" + ref + ")" : ref;
    }

    /** The In/NotIn argument as a list parameter, each element converted. */
    private String list(Part p) {
        Object raw = arguments.get(p.argumentIndex());
        List<Object> out = new ArrayList<>();
        if (raw instanceof Iterable<?> it) {
            for (Object e : it) {
                out.add(element(p, e));
            }
        } else if (raw != null && raw.getClass().isArray()) {
            for (int k = 0, n = Array.getLength(raw); k < n; k++) {
                out.add(element(p, Array.get(raw, k)));
            }
        } else {
            throw new IllegalArgumentException(argument(p, 0) + " must be a collection or an array, was "
                    + (raw == null ? "null" : raw.getClass().getName()));
        }
        String ref = parameter(p.argumentIndex(), out);
        return p.ignoreCase() ? "[" + ELEMENT + " IN " + ref + " | toLower(" + ELEMENT + ")]" : ref;
    }

    /** One In/NotIn element, converted; entities (for a relationship) become their ids and must not be null. */
    private Object element(Part p, Object e) {
        if (p.leaf().relationship()) {
            if (e == null) {
                throw new IllegalArgumentException(argument(p, 0) + " must not contain null");
            }
            return entityId(p, 0, e);
        }
        return e == null ? null : toGraph.apply(e);
    }

    private String string(Part p) {
        Object v = value(p, 0, false);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(argument(p, 0) + " must be a String, was " + v.getClass().getName());
        }
        return s;
    }

    /** Is/Not: a null argument tests for a missing property, as in Spring Data JPA. */
    private String equality(Part p, String prop, String lhs, String operator, String ifNull) {
        Object v = equalityValue(p);
        return v == null ? prop + ifNull : lhs + operator + scalar(p, 0, v);
    }

    /**
     * Argument {@code offset} of the part as a parameter value: converted by {@code toGraph}, or
     * for a comparison with a relationship's target, the entity's id.
     */
    private Object value(Part p, int offset, boolean nullable) {
        Object raw = arguments.get(p.argumentIndex() + offset);
        Object v = raw == null ? null : p.leaf().relationship() ? entityId(p, offset, raw) : toGraph.apply(raw);
        if (v == null && !nullable) {
            throw new IllegalArgumentException(argument(p, offset) + " must not be null");
        }
        return v;
    }

    private String parameter(int index, Object value) {
        String name = "p" + index;
        parameters.put(name, value);
        return "$" + name;
    }

    private String argument(Part p, int offset) {
        return prefix(tree) + "argument " + (p.argumentIndex() + offset) + " (" + p.dotPath() + " "
                + p.operator() + ")";
    }

    /** {@code variable.`graphName`}. */
    private String property(String variable, PropertyRef p) {
        return variable + "." + quote(p);
    }

    /** The back-quoted graph name of a property. */
    private String quote(PropertyRef p) {
        String name = p.graphName();
        if (name.isEmpty() || name.indexOf('`') >= 0 || name.indexOf('\0') >= 0) {
            throw new MappingException(prefix(tree) + "the graph name '" + name + "' of property '"
                    + p.javaName() + "' cannot be back-quoted");
        }
        return "`" + name + "`";
    }

    /** A back-quoted label, relationship type or id property name, which mapping validated as identifiers. */
    private String quote(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new MappingException(prefix(tree) + "the " + what + " '" + name + "' is not a valid identifier");
        }
        return "`" + name + "`";
    }

    private static String prefix(PartTree tree) {
        return "Derived query " + tree.methodName() + " on " + tree.domainClass().getName() + ": ";
    }
}
