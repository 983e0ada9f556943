package dev.falkor.orm.core.internal.query;

import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.core.internal.mapping.ExactDoubles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Makes the doubles of a user-written query come back bit-exactly by rewriting its final
 * {@code RETURN}.
 *
 * <p>FalkorDB prints doubles with 15 significant digits. For the columns that need exact
 * doubles, the statement
 * <pre>{@code ... RETURN [DISTINCT] item1, expr2 AS alias2 [ORDER BY ...] [SKIP ...] [LIMIT ...]}</pre>
 * becomes
 * <pre>{@code ... WITH [DISTINCT] item1 AS `item1`, expr2 AS `alias2` [ORDER BY ...] [SKIP ...] [LIMIT ...]
 * WITH `item1`, `alias2`, <a Float-only copy of item1> AS `__exact_f0`
 * WITH `item1`, `alias2`, `__exact_f0`, <its binary exponent estimate> AS `__exact_k0`
 * RETURN <exact form of item1> AS `item1`, `alias2` AS `alias2`}</pre>
 * The first {@code WITH} keeps the user's projection, aggregation, DISTINCT, ordering and
 * paging as written (ORDER BY may still name the query's variables and the aliases; the later
 * projections keep the order); the last {@code RETURN} keeps the header names the server would
 * have given: the alias, or the item's text as written (without leading whitespace and
 * comments, without trailing whitespace). An item whose text contains a back-quote cannot be
 * an alias; it gets a synthetic one and {@link Rewrite#decode} restores the name. A statement
 * ending in {@code CALL ... YIELD a, b [WHERE ...]} gets the same stages appended.
 *
 * <p>Exact forms ({@link Form}), told apart by {@link Rewrite#decode} without knowing the type:
 * <ul>
 *   <li>{@link Form#VALUE}: a Float {@code x} becomes {@code [x, m, k]} with {@code x == m * 2^k}
 *       exactly (the format of {@link ExactDoubles#decode}); a List {@code l} becomes
 *       {@code [l]}; anything else (null, Integer, String, Node, Map, ...) stays as it is.</li>
 *   <li>{@link Form#LIST}: a List becomes {@code [[e1, e2, ...]]} with Float elements as
 *       triples, List elements as {@code [element]} and others as they are; anything else stays.</li>
 *   <li>{@link Form#NODE}: a Node {@code n} becomes {@code [n, [p1, p2, ...]]} with the chosen
 *       properties {@code n.p1, n.p2, ...} each in the VALUE or LIST form; anything else as in VALUE.</li>
 * </ul>
 * How {@code m} and {@code k} are computed: {@code k = toInteger(log2|x|) - 56} (any rounding of
 * the logarithm leaves {@code k} between {@code e - 57} and {@code e - 54} for the true binary
 * exponent {@code e}), so {@code m = x / 2^k} is an integer below 2^58, computed exactly as
 * {@code x * 2^(-k/2) * 2^(k/2 - k)} (two scalings by powers of two that stay in the normal
 * range, which also covers subnormals, whose {@code k} is below -1074). Zero, NaN and the
 * infinities get {@code m = 0}, and the decoder then uses the printed value, which is exact
 * for them (it keeps the sign of -0.0). FalkorDB evaluates every branch of a {@code CASE}, so
 * the arithmetic only ever sees a Float ({@code 0.0} for other types) and never fails. Maps,
 * relationships, and nodes outside the NODE form pass through as the server prints them.
 *
 * <p>Cost (FalkorDB 4.16.3, a shared 2-core machine, 5,000 rows of one double): server time
 * 0.6 ms plain, 5.5-12 ms exact (about 1-2 µs per value, depending on load; interleaved runs
 * put it at 0.6 of the cost of {@link ExactDoubles#expression}); {@code FalkorOrm.query} round
 * trip 6-11 ms plain, 17-33 ms exact. The rewritten text is deterministic, so the server's plan
 * cache serves repeated calls (compiling it the first time adds about 0.7 ms).
 *
 * <p>Shapes that are not understood ({@link Problem}) are never rewritten and never read
 * rounded: the caller refuses them with {@link Problem#advice()}.
 */
public final class ExactReturn {
    private ExactReturn() {
    }

    /** A column of the original query: its position, the name the server gives it, and how many columns there are. */
    public record Column(int index, String name, int count) {
    }

    /** How a column is read. */
    public enum Form {
        /** as the server prints it */
        NONE,
        /** one value that may be a double */
        VALUE,
        /** a list whose elements may be doubles */
        LIST,
        /**
         * a node whose properties named in the rewrite's {@code nodeProperties} may be doubles (or
         * lists of them); any other value as in {@link #VALUE}
         */
        NODE
    }

    /** Why a statement cannot be rewritten. */
    public enum Problem {
        UNION("it is a UNION", "wrap the union in a subquery and return its columns: "
                + "CALL { ... RETURN x AS p UNION ... RETURN y AS p } RETURN p"),
        RETURN_STAR("it returns *", "name the columns: RETURN n.price AS price, ..."),
        NO_FINAL_RETURN("it names no columns: it ends neither with RETURN nor with CALL ... YIELD",
                "end it with RETURN and the columns (or YIELD the procedure's outputs by name)"),
        UNBALANCED("its quotes, comments or brackets are not balanced", "check the query text"),
        UNEXPECTED_TEXT("the text after its final RETURN is not items followed by ORDER BY, SKIP and LIMIT",
                "end the query with RETURN items [ORDER BY ...] [SKIP ...] [LIMIT ...]");

        private final String reason;
        private final String advice;

        Problem(String reason, String advice) {
            this.reason = reason;
            this.advice = advice;
        }

        /** Why, as a phrase: "it is a UNION". */
        public String reason() {
            return reason;
        }

        /** What the user can do instead. */
        public String advice() {
            return advice;
        }
    }

    /**
     * The statement to send and how to read its reply.
     *
     * @param cypher          the statement to send
     * @param columns         the header the original statement would have had (empty: keep the server's)
     * @param forms           the form of each column (empty: all {@link Form#NONE})
     * @param nodeProperties  for {@link Form#NODE} columns: the properties read exactly, in order,
     *                        each {@link Form#VALUE} or {@link Form#LIST}
     */
    public record Rewrite(String cypher, List<String> columns, List<Form> forms, Map<String, Form> nodeProperties) {
        public Rewrite {
            columns = List.copyOf(columns);
            forms = List.copyOf(forms);
            nodeProperties = Collections.unmodifiableMap(new LinkedHashMap<>(nodeProperties));
        }

        /** The statement unchanged: no column needs exact doubles. */
        public static Rewrite unchanged(String cypher) {
            return new Rewrite(cypher, List.of(), List.of(), Map.of());
        }

        public boolean isUnchanged() {
            return columns.isEmpty();
        }

        /** Positions of the columns in an exact form. */
        public List<Integer> exactColumns() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < forms.size(); i++) {
                if (forms.get(i) != Form.NONE) {
                    out.add(i);
                }
            }
            return out;
        }

        /** The reply as the original statement would have given it, with exact doubles. */
        public QueryResult decode(QueryResult r) {
            if (isUnchanged()) {
                return r;
            }
            if (r.columns().isEmpty() && r.rows().isEmpty()) {
                return new QueryResult(columns, List.of(), r.statistics()); // a graph that does not exist
            }
            if (r.columns().size() != columns.size()) {
                throw new IllegalStateException("The rewritten statement returned " + r.columns() + ", expected "
                        + columns.size() + " columns " + columns);
            }
            List<Integer> exact = exactColumns();
            List<List<GraphValue>> rows = new ArrayList<>(r.rows().size());
            for (List<GraphValue> row : r.rows()) {
                List<GraphValue> copy = new ArrayList<>(row);
                for (int c : exact) {
                    GraphValue v = copy.get(c);
                    copy.set(c, forms.get(c) == Form.NODE ? decodeNode(v) : ExactReturn.decode(v, forms.get(c)));
                }
                rows.add(copy);
            }
            return new QueryResult(columns, rows, r.statistics());
        }

        private GraphValue decodeNode(GraphValue v) {
            if (v instanceof ListValue list && list.values().size() == 2 && list.values().get(0) instanceof NodeValue node
                    && list.values().get(1) instanceof ListValue parts && parts.values().size() == nodeProperties.size()) {
                Map<String, GraphValue> properties = new LinkedHashMap<>(node.properties());
                int j = 0;
                for (Map.Entry<String, Form> e : nodeProperties.entrySet()) {
                    GraphValue exact = ExactReturn.decode(parts.values().get(j++), e.getValue());
                    if (properties.containsKey(e.getKey())) {
                        properties.put(e.getKey(), exact);
                    }
                }
                return new NodeValue(node.id(), node.labels(), properties);
            }
            return ExactReturn.decode(v, Form.VALUE);
        }
    }

    /** What {@link #analyse} found: a rewrite, or the problem that prevents one. */
    public record Analysis(Optional<Rewrite> rewrite, Problem problem) {
    }

    /**
     * Rewrites {@code cypher} so the columns chosen by {@code needsExact} come back in the
     * {@link Form#VALUE} form. Empty when the statement's shape is not understood and it may
     * return such a column.
     */
    public static Optional<Rewrite> rewrite(String cypher, Predicate<Column> needsExact) {
        return analyse(cypher, c -> needsExact.test(c) ? Form.VALUE : Form.NONE, Map.of()).rewrite();
    }

    /** Rewrites {@code cypher} so each column comes back in the form {@code form} gives it. */
    public static Optional<Rewrite> rewriteAs(String cypher, Function<Column, Form> form) {
        return analyse(cypher, form, Map.of()).rewrite();
    }

    /**
     * Like {@link #rewriteAs(String, Function)}; {@link Form#NODE} columns read the properties in
     * {@code nodeProperties} (names in the graph, each {@link Form#VALUE} or {@link Form#LIST}) exactly.
     */
    public static Optional<Rewrite> rewriteAs(String cypher, Function<Column, Form> form, Map<String, Form> nodeProperties) {
        return analyse(cypher, form, nodeProperties).rewrite();
    }

    /** Like {@link #rewriteAs}, with the reason when there is none. */
    public static Analysis analyse(String cypher, Function<Column, Form> form, Map<String, Form> nodeProperties) {
        Parsed p;
        try {
            p = parse(cypher);
        } catch (Refused e) {
            return new Analysis(Optional.empty(), e.problem);
        }
        List<Form> forms = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < p.items.size(); i++) {
            Form f = form.apply(new Column(i, p.items.get(i).name, p.items.size()));
            forms.add(f == null ? Form.NONE : f);
            any |= f != null && f != Form.NONE;
        }
        if (!any) {
            return new Analysis(Optional.of(Rewrite.unchanged(cypher)), null);
        }
        if (p.problem != null) {
            return new Analysis(Optional.empty(), p.problem);
        }
        return new Analysis(Optional.of(build(cypher, p, forms, nodeProperties)), null);
    }

    /**
     * Rewrites the final RETURN so its first column, a node the caller reads as an entity,
     * comes back as {@code [typeOf(c), <reader(g)>]} where {@code g} is the column if it is a
     * node (else null) and {@code reader} builds the caller's read of it (for the mapper:
     * {@code g{.*}}, its labels, the exact doubles), so the reply holds properties by name
     * instead of a node. Empty if the query's shape is not understood (the caller then reads
     * the node as the server sends it).
     *
     * @param reader builds the expression from the (back-quoted) name of the guarded node
     */
    public static Optional<Rewrite> rewriteFirstColumnAsEntity(String cypher, Function<String, String> reader) {
        Parsed p;
        try {
            p = parse(cypher);
        } catch (Refused e) {
            return Optional.empty();
        }
        if (p.problem != null || p.items.isEmpty() || p.returnStart < 0) {
            return Optional.empty();
        }
        String prefix = "__exact_";
        while (startsWith(p.items, prefix)) {
            prefix = "_" + prefix;
        }
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < p.items.size(); i++) {
            String name = p.items.get(i).name;
            aliases.add(name.indexOf('`') < 0 ? "`" + name + "`" : null);
        }
        if (aliases.contains(null)) {
            return Optional.empty(); // a column name with a back-quote cannot be kept as an alias
        }
        StringBuilder out = new StringBuilder(cypher.length() + 256);
        appendReturnAsWith(out, cypher, p, aliases);
        String guarded = "`" + prefix + "g`";
        out.append("\nWITH ").append(String.join(", ", aliases)).append(", CASE WHEN typeOf(").append(aliases.get(0))
                .append(") = 'Node' THEN ").append(aliases.get(0)).append(" END AS ").append(guarded);
        out.append("\nRETURN [typeOf(").append(aliases.get(0)).append("), ").append(reader.apply(guarded)).append("] AS ")
                .append(aliases.get(0));
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            columns.add(p.items.get(i).name);
            if (i > 0) {
                out.append(", ").append(aliases.get(i)).append(" AS ").append(aliases.get(i));
            }
        }
        return Optional.of(new Rewrite(out.toString(), columns, List.of(), Map.of()));
    }

    /**
     * The statement up to its final RETURN, then that RETURN as {@code WITH [DISTINCT] item AS
     * alias, ... <ORDER BY/SKIP/LIMIT tail>}, so a last RETURN can read the aliased columns.
     */
    private static void appendReturnAsWith(StringBuilder out, String cypher, Parsed p, List<String> aliases) {
        out.append(cypher, 0, p.returnStart).append("WITH ");
        if (p.distinct) {
            out.append("DISTINCT ");
        }
        for (int i = 0; i < p.items.size(); i++) {
            out.append(i > 0 ? ", " : "").append(p.items.get(i).expression).append(" AS ").append(aliases.get(i));
        }
        out.append(' ').append(p.tail);
    }

    /** {@code 1 / ln 2}, to turn {@code log} into {@code log2}. */
    private static final String INV_LN2 = "1.4426950408889634";

    /** The exact {@link Form#LIST} form of the list {@code c} (a trusted expression, evaluated several times). */
    static String listExpression(String c) {
        String k = "toInteger(log(CASE WHEN __exact_e * 0.0 = 0.0 AND __exact_e <> 0.0 THEN abs(__exact_e) ELSE 1.0 END)"
                + " * " + INV_LN2 + ") - 56";
        String triple = "[__exact_k IN [" + k + "] | [__exact_e, CASE WHEN __exact_e * 0.0 = 0.0"
                + " THEN toInteger(__exact_e * 2.0^(-__exact_k / 2) * 2.0^(__exact_k / 2 - __exact_k)) ELSE 0 END,"
                + " __exact_k]][0]";
        String element = "CASE typeOf(__exact_w) WHEN 'Float' THEN [__exact_e IN [__exact_w] WHERE typeOf(__exact_e) = 'Float'"
                + " | " + triple + "][0] WHEN 'List' THEN [__exact_w] ELSE __exact_w END";
        return "CASE WHEN typeOf(" + c + ") = 'List' THEN [[__exact_w IN CASE WHEN typeOf(" + c + ") = 'List' THEN " + c
                + " ELSE [] END | " + element + "]] ELSE " + c + " END";
    }

    /** A value in {@code form} back to the plain value, with exact doubles. */
    public static GraphValue decode(GraphValue v, Form form) {
        if (form == Form.NONE || !(v instanceof ListValue list)) {
            return v;
        }
        List<GraphValue> items = list.values();
        if (form == Form.VALUE && items.size() == 3) {
            return new DoubleValue(ExactDoubles.decode(v));
        }
        if (form == Form.VALUE && items.size() == 1) {
            return items.get(0);
        }
        if (form == Form.LIST && items.size() == 1 && items.get(0) instanceof ListValue inner) {
            List<GraphValue> out = new ArrayList<>(inner.values().size());
            for (GraphValue e : inner.values()) {
                out.add(decode(e, Form.VALUE));
            }
            return new ListValue(out);
        }
        throw new IllegalArgumentException("Not a value in exact " + form + " form: " + v);
    }

    // ---------------------------------------------------------------- building

    private static Rewrite build(String cypher, Parsed p, List<Form> forms, Map<String, Form> nodeProperties) {
        String prefix = "__exact_";
        while (startsWith(p.items, prefix)) {
            prefix = "_" + prefix;
        }
        List<String> columns = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < p.items.size(); i++) {
            String name = p.items.get(i).name;
            columns.add(name);
            aliases.add(name.indexOf('`') < 0 ? "`" + name + "`" : "`" + prefix + "c" + i + "`");
        }
        StringBuilder out = new StringBuilder(cypher.length() + 512);
        if (p.returnStart < 0) {
            // CALL ... YIELD a, b [WHERE ...]: the yielded names are the columns, already bound
            out.append(cypher, 0, p.end);
        } else {
            appendReturnAsWith(out, cypher, p, aliases);
        }
        List<String> carried = new ArrayList<>(aliases);
        // NODE columns: their chosen properties, taken out of nodes only
        List<String> keys = new ArrayList<>(nodeProperties.keySet());
        Map<Integer, List<String>> nodeSlots = new LinkedHashMap<>();
        StringBuilder stage = new StringBuilder();
        for (int i = 0; i < forms.size(); i++) {
            if (forms.get(i) != Form.NODE) {
                continue;
            }
            List<String> slots = new ArrayList<>();
            for (int j = 0; j < keys.size(); j++) {
                String slot = "`" + prefix + "n" + i + "_" + j + "`";
                stage.append(", [").append(prefix).append("x IN [").append(aliases.get(i)).append("] WHERE typeOf(")
                        .append(prefix).append("x) = 'Node' | ").append(prefix).append("x.`").append(keys.get(j))
                        .append("`][0] AS ").append(slot);
                slots.add(slot);
            }
            nodeSlots.put(i, slots);
        }
        if (stage.length() > 0) {
            out.append("\nWITH ").append(String.join(", ", carried)).append(stage);
            nodeSlots.values().forEach(carried::addAll);
        }
        // the values that may be Floats: VALUE and NODE columns, and node properties in the VALUE form
        List<String> values = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            if (forms.get(i) == Form.VALUE || forms.get(i) == Form.NODE) {
                values.add(aliases.get(i));
            }
            if (forms.get(i) == Form.NODE) {
                for (int j = 0; j < keys.size(); j++) {
                    if (nodeProperties.get(keys.get(j)) == Form.VALUE) {
                        values.add(nodeSlots.get(i).get(j));
                    }
                }
            }
        }
        Map<String, String[]> exponents = new LinkedHashMap<>();
        if (!values.isEmpty()) {
            // a Float-only copy of each, then its exponent estimate
            out.append("\nWITH ").append(String.join(", ", carried));
            for (int v = 0; v < values.size(); v++) {
                String c = values.get(v);
                String f = "`" + prefix + "f" + v + "`";
                exponents.put(c, new String[] {f, "`" + prefix + "k" + v + "`"});
                out.append(", CASE WHEN typeOf(").append(c).append(") = 'Float' THEN ").append(c)
                        .append(" ELSE 0.0 END AS ").append(f);
            }
            out.append("\nWITH ").append(String.join(", ", carried));
            for (String[] fk : exponents.values()) {
                out.append(", ").append(fk[0]);
            }
            for (String[] fk : exponents.values()) {
                out.append(", toInteger(log(CASE WHEN ").append(fk[0]).append(" * 0.0 = 0.0 AND ").append(fk[0])
                        .append(" <> 0.0 THEN abs(").append(fk[0]).append(") ELSE 1.0 END) * ").append(INV_LN2)
                        .append(") - 56 AS ").append(fk[1]);
            }
        }
        out.append("\nRETURN ");
        for (int i = 0; i < forms.size(); i++) {
            String c = aliases.get(i);
            out.append(i > 0 ? ", " : "");
            switch (forms.get(i)) {
                case VALUE -> out.append(valueExpression(c, exponents.get(c), null));
                case LIST -> out.append(listExpression(c));
                case NODE -> {
                    StringBuilder parts = new StringBuilder("[").append(c).append(", [");
                    for (int j = 0; j < keys.size(); j++) {
                        String slot = nodeSlots.get(i).get(j);
                        parts.append(j > 0 ? ", " : "").append(nodeProperties.get(keys.get(j)) == Form.LIST
                                ? listExpression(slot) : valueExpression(slot, exponents.get(slot), null));
                    }
                    out.append(valueExpression(c, exponents.get(c), parts.append("]]").toString()));
                }
                default -> out.append(c);
            }
            out.append(" AS ").append(aliases.get(i));
        }
        return new Rewrite(out.toString(), columns, forms, nodeProperties);
    }

    /**
     * The VALUE form of {@code c} from its Float-only copy and exponent ({@code fk}); with
     * {@code node} (the NODE form's {@code [n, [...]]}) for a node.
     */
    private static String valueExpression(String c, String[] fk, String node) {
        String f = fk[0];
        String k = fk[1];
        return "CASE typeOf(" + c + ") WHEN 'Float' THEN [" + c + ", CASE WHEN " + f + " * 0.0 = 0.0 THEN toInteger(" + f
                + " * 2.0^(-" + k + " / 2) * 2.0^(" + k + " / 2 - " + k + ")) ELSE 0 END, " + k + "]"
                + (node == null ? "" : " WHEN 'Node' THEN " + node)
                + " WHEN 'List' THEN [" + c + "] ELSE " + c + " END";
    }

    private static boolean startsWith(List<Item> items, String prefix) {
        for (Item i : items) {
            if (i.name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- parsing

    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        Refused(Problem problem) {
            super(problem.reason, null, false, false);
            this.problem = problem;
        }
    }

    /** One RETURN item: its expression (comments blanked) and its column name. */
    private record Item(String expression, String name) {
    }

    /**
     * The final RETURN: where it starts (-1: the statement ends with CALL ... YIELD), where the
     * statement ends (before a final ';'), DISTINCT, items, and the ORDER BY/SKIP/LIMIT text after them.
     */
    private record Parsed(int returnStart, int end, boolean distinct, List<Item> items, String tail, Problem problem) {
    }

    /** A word (letters, digits, underscore) of top-level code. */
    private record Word(int start, int end, String upper) {
    }

    /**
     * Classifies each character: {@code CODE} at bracket depth 0, {@code NESTED} inside
     * brackets, {@code QUOTED} in string literals and back-quoted names, {@code COMMENT}.
     */
    private static final byte CODE = 0;
    private static final byte NESTED = 1;
    private static final byte QUOTED = 2;
    private static final byte COMMENT = 3;

    static byte[] classify(String s) {
        byte[] kind = new byte[s.length()];
        int depth = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n) {
                    throw new Refused(Problem.UNBALANCED);
                }
                fill(kind, i, j + 1, QUOTED);
                i = j + 1;
            } else if (c == '`') {
                int j = s.indexOf('`', i + 1);
                if (j < 0) {
                    throw new Refused(Problem.UNBALANCED);
                }
                fill(kind, i, j + 1, QUOTED);
                i = j + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int j = i;
                while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
                    j++;
                }
                fill(kind, i, j, COMMENT);
                i = j;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int j = s.indexOf("*/", i + 2);
                if (j < 0) {
                    throw new Refused(Problem.UNBALANCED);
                }
                fill(kind, i, j + 2, COMMENT);
                i = j + 2;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                    kind[i] = NESTED;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                    if (depth < 0) {
                        throw new Refused(Problem.UNBALANCED);
                    }
                    kind[i] = NESTED;
                } else {
                    kind[i] = depth == 0 ? CODE : NESTED;
                }
                i++;
            }
        }
        if (depth != 0) {
            throw new Refused(Problem.UNBALANCED);
        }
        return kind;
    }

    private static void fill(byte[] kind, int from, int to, byte k) {
        for (int i = from; i < to; i++) {
            kind[i] = k;
        }
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** Top-level words of {@code [from, to)}, skipping property keys ({@code n.return}), parameters and labels. */
    private static List<Word> words(String s, byte[] kind, int from, int to) {
        List<Word> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (kind[i] == CODE && isWordChar(s.charAt(i)) && (i == 0 || kind[i - 1] != CODE || !isWordChar(s.charAt(i - 1)))) {
                int j = i;
                while (j < to && kind[j] == CODE && isWordChar(s.charAt(j))) {
                    j++;
                }
                char before = i == 0 ? ' ' : s.charAt(i - 1);
                if (before != '.' && before != '$' && before != ':') {
                    out.add(new Word(i, j, s.substring(i, j).toUpperCase(Locale.ROOT)));
                }
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }

    /** True if {@code [from, to)} holds only whitespace and comments. */
    private static boolean blank(String s, byte[] kind, int from, int to) {
        for (int i = from; i < to; i++) {
            if (kind[i] != COMMENT && !isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static Parsed parse(String s) {
        byte[] kind = classify(s);
        List<Word> words = words(s, kind, 0, s.length());
        Problem problem = null;
        Word ret = null;
        Word yield = null;
        for (Word w : words) {
            switch (w.upper) {
                case "UNION" -> problem = Problem.UNION;
                case "RETURN" -> ret = w;
                case "YIELD" -> yield = w;
                default -> {
                }
            }
        }
        if (ret == null && yield == null) {
            throw new Refused(Problem.NO_FINAL_RETURN);
        }
        boolean endsWithYield = ret == null || (yield != null && yield.start > ret.start);
        Word last = endsWithYield ? yield : ret;
        // the end: a final ';' followed only by whitespace and comments is dropped; one statement only
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (kind[i] == CODE && s.charAt(i) == ';') {
                if (!blank(s, kind, i + 1, s.length()) || i < last.end) {
                    throw new Refused(Problem.UNEXPECTED_TEXT);
                }
                end = i;
                break;
            }
        }
        List<Word> after = words(s, kind, last.end, end);
        int itemsStart = last.end;
        int itemsEnd = end;
        boolean distinct = false;
        int w = 0;
        if (endsWithYield) {
            // CALL proc(...) YIELD a, b AS c [WHERE ...]: the columns are a and c
            for (; w < after.size(); w++) {
                if (after.get(w).upper.equals("WHERE")) {
                    itemsEnd = after.get(w).start;
                    break;
                }
            }
        } else {
            if (!after.isEmpty() && after.get(0).upper.equals("DISTINCT") && blank(s, kind, ret.end, after.get(0).start)) {
                distinct = true;
                itemsStart = after.get(0).end;
                w = 1;
            }
            // the items end at the first top-level ORDER BY, SKIP or LIMIT
            for (; w < after.size(); w++) {
                Word x = after.get(w);
                boolean orderBy = x.upper.equals("ORDER") && w + 1 < after.size() && after.get(w + 1).upper.equals("BY")
                        && blank(s, kind, x.end, after.get(w + 1).start);
                if (orderBy || x.upper.equals("SKIP") || x.upper.equals("LIMIT")) {
                    itemsEnd = x.start;
                    break;
                }
            }
            checkTail(after, w);
        }
        List<Item> items = new ArrayList<>();
        int start = itemsStart;
        for (int i = itemsStart; i <= itemsEnd; i++) {
            if (i == itemsEnd || (kind[i] == CODE && s.charAt(i) == ',')) {
                Item item = item(s, kind, start, i);
                if (endsWithYield && item.name.length() > 1 && item.name.startsWith("`") && item.name.endsWith("`")) {
                    item = new Item(item.expression, item.name.substring(1, item.name.length() - 1));
                }
                items.add(item);
                start = i + 1;
            }
        }
        return endsWithYield ? new Parsed(-1, end, false, items, null, problem)
                : new Parsed(ret.start, end, distinct, items, s.substring(itemsEnd, end), problem);
    }

    /** The tail must be [ORDER BY ...] [SKIP ...] [LIMIT ...], in that order. */
    private static void checkTail(List<Word> after, int from) {
        int stage = 0;
        for (int w = from; w < after.size(); w++) {
            String u = after.get(w).upper;
            int next = switch (u) {
                case "ORDER" -> w + 1 < after.size() && after.get(w + 1).upper.equals("BY") ? 1 : -1;
                case "SKIP" -> 2;
                case "LIMIT" -> 3;
                default -> 0;
            };
            if (next < 0 || (next > 0 && next <= stage)) {
                throw new Refused(Problem.UNEXPECTED_TEXT);
            }
            if (next > 0) {
                stage = next;
            }
            if (u.equals("RETURN") || u.equals("WITH") || u.equals("MATCH") || u.equals("UNWIND") || u.equals("CALL")
                    || u.equals("CREATE") || u.equals("MERGE") || u.equals("SET") || u.equals("DELETE")) {
                throw new Refused(Problem.UNEXPECTED_TEXT);
            }
        }
    }

    private static Item item(String s, byte[] kind, int from, int to) {
        int a = from;
        while (a < to && (kind[a] == COMMENT || isSpace(s.charAt(a)))) {
            a++;
        }
        int b = to;
        while (b > a && isSpace(s.charAt(b - 1)) && kind[b - 1] != QUOTED) {
            b--;
        }
        if (a >= b) {
            throw new Refused(Problem.UNEXPECTED_TEXT);
        }
        if (b - a == 1 && s.charAt(a) == '*') {
            throw new Refused(Problem.RETURN_STAR);
        }
        List<Word> ws = words(s, kind, a, b);
        for (int k = ws.size() - 1; k >= 0; k--) {
            Word as = ws.get(k);
            if (!as.upper.equals("AS")) {
                continue;
            }
            String alias = aliasAfter(s, kind, as.end, b);
            if (alias != null) {
                return new Item(expression(s, kind, a, as.start), alias);
            }
            break;
        }
        return new Item(expression(s, kind, a, b), s.substring(a, b));
    }

    /** The alias named by {@code [from, to)} after AS: one plain or back-quoted name, comments around it. */
    private static String aliasAfter(String s, byte[] kind, int from, int to) {
        int i = from;
        while (i < to && (kind[i] == COMMENT || isSpace(s.charAt(i)))) {
            i++;
        }
        int j;
        String name;
        if (i < to && s.charAt(i) == '`') {
            j = s.indexOf('`', i + 1) + 1;
            name = s.substring(i + 1, j - 1);
        } else {
            j = i;
            while (j < to && kind[j] == CODE && isWordChar(s.charAt(j))) {
                j++;
            }
            name = s.substring(i, j);
        }
        if (name.isEmpty() || j > to || !blank(s, kind, j, to)) {
            return null;
        }
        return name;
    }

    /** {@code [from, to)} with comments replaced by spaces, so appending text cannot fall into a comment. */
    private static String expression(String s, byte[] kind, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            sb.append(kind[i] == COMMENT ? ' ' : s.charAt(i));
        }
        return sb.toString().strip();
    }
}
