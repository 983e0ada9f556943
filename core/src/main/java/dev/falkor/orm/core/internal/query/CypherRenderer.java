package dev.falkor.orm.core.internal.query;

import dev.falkor.orm.api.MappingException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Renders a {@link PartTree} to a {@link CypherCondition}; one instance per call. */
final class CypherRenderer {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Variable of the list comprehension that lower-cases In/NotIn arguments. */
    private static final String ELEMENT = "__e";

    private final PartTree tree;
    private final String var;
    private final List<?> arguments;
    private final Function<Object, Object> toGraph;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    CypherRenderer(PartTree tree, String var, List<?> arguments, Function<Object, Object> toGraph) {
        if (!IDENTIFIER.matcher(var).matches() || var.equals(ELEMENT)) {
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
        for (Part p : tree.parts()) {
            requireLocal(p.path());
        }
        for (SortKey k : tree.sort()) {
            requireLocal(k.path());
        }
        String where = where();
        List<String> keys = new ArrayList<>();
        for (SortKey k : tree.sort()) {
            String direction = k.direction() == SortKey.Direction.DESC ? "DESC" : "ASC";
            keys.add(int64(k.leaf(), false) ? Int64.orderItems(property(k.leaf()), direction)
                    : property(k.leaf()) + " " + direction);
        }
        String orderBy = keys.isEmpty() ? "" : "ORDER BY " + String.join(", ", keys);
        String limit = "";
        if (tree.subject().isLimiting()) {
            parameters.put(CypherCondition.LIMIT_PARAMETER, tree.subject().maxResults().getAsInt());
            limit = "LIMIT $" + CypherCondition.LIMIT_PARAMETER;
        }
        return new CypherCondition(where, orderBy, limit, parameters);
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
        return new CypherCondition(template.where(), template.orderBy(), template.limit(), parameters);
    }

    /**
     * What the text depends on besides the method: which Is/Not arguments are null (they
     * render {@code IS NULL}); bit i for argument i, or -1 (do not cache) past 62 arguments.
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

    /** The parameters {@link #part} registers for {@code p}, with the same checks. */
    private void bindPart(Part p) {
        int i = p.argumentIndex();
        boolean ic = p.ignoreCase();
        switch (p.operator()) {
            case EQUALS, NOT_EQUALS -> {
                Object v = value(p, 0, true);
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
                ands.add(part(p));
            }
            String and = String.join(" AND ", ands);
            ors.add(groups.size() > 1 && ands.size() > 1 ? "(" + and + ")" : and);
        }
        return String.join(" OR ", ors);
    }

    /** One part; every fragment binds tighter than AND/OR, so it can be joined as is. */
    private String part(Part p) {
        PropertyRef leaf = p.leaf();
        String prop = property(leaf);
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
                out.add(e == null ? null : toGraph.apply(e));
            }
        } else if (raw != null && raw.getClass().isArray()) {
            for (int k = 0, n = Array.getLength(raw); k < n; k++) {
                Object e = Array.get(raw, k);
                out.add(e == null ? null : toGraph.apply(e));
            }
        } else {
            throw new IllegalArgumentException(argument(p, 0) + " must be a collection or an array, was "
                    + (raw == null ? "null" : raw.getClass().getName()));
        }
        String ref = parameter(p.argumentIndex(), out);
        return p.ignoreCase() ? "[" + ELEMENT + " IN " + ref + " | toLower(" + ELEMENT + ")]" : ref;
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
        Object v = value(p, 0, true);
        return v == null ? prop + ifNull : lhs + operator + scalar(p, 0, v);
    }

    private Object value(Part p, int offset, boolean nullable) {
        Object raw = arguments.get(p.argumentIndex() + offset);
        Object v = raw == null ? null : toGraph.apply(raw);
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

    private String property(PropertyRef p) {
        String name = p.graphName();
        if (name.isEmpty() || name.indexOf('`') >= 0 || name.indexOf('\0') >= 0) {
            throw new MappingException(prefix(tree) + "the graph name '" + name + "' of property '"
                    + p.javaName() + "' cannot be back-quoted");
        }
        return var + ".`" + name + "`";
    }

    private void requireLocal(List<PropertyRef> path) {
        if (path.size() > 1 || path.get(0).relationship()) {
            throw new MappingException(prefix(tree) + "relationship property paths are not supported yet ("
                    + Part.dotPath(path) + ")");
        }
    }

    private static String prefix(PartTree tree) {
        return "Derived query " + tree.methodName() + " on " + tree.domainClass().getName() + ": ";
    }
}
