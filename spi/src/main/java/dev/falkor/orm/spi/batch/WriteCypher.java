package dev.falkor.orm.spi.batch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Cypher fragments batch writers share, so every writer writes the same graph: node creates
 * and upserts, deletes, relationship merges, deletes and prunes, unique-constraint guards and
 * version checks. Each fragment reads its row through a {@link Row}: a variable bound by
 * {@code UNWIND} or plain parameters.
 *
 * <p>API for batch-writer providers, not for applications.
 */
public final class WriteCypher {
    private static final String CONFLICT = "Division by zero";
    /** What a rendered fragment depends on, besides the node shape that keeps it. */
    record Key(String kind, Object shape, String row) {
    }

    /**
     * A rendered fragment, kept by the node shape it belongs to (for edges: the owning end's), so
     * it goes away with the shapes of a mapper: a save renders the same few texts again and again.
     */
    private static String cached(String kind, NodeShape owner, Object shape, String row,
                                 java.util.function.Supplier<String> render) {
        return owner.fragment(new Key(kind, shape, row), render);
    }

    private WriteCypher() {
    }

    /** The back-quoted identifier; fails on anything but letters, digits and underscores. */
    public static String quote(String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("Not a valid identifier: '" + name + "'");
        }
        return "`" + name + "`";
    }

    /** True for {@code [A-Za-z_][A-Za-z0-9_]*}. */
    public static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if {@code serverMessage}, the error of a statement that {@link WriteStatement#checksVersions()
     * checks versions}, reports a failed check. (Cypher has no way to raise an error of one's own:
     * a failed check divides by zero, and FalkorDB rejects the whole statement.)
     */
    public static boolean isVersionConflict(String serverMessage) {
        return serverMessage != null && serverMessage.contains(CONFLICT);
    }

    /**
     * Where a fragment reads one row: a variable bound by {@code UNWIND} ({@code row},
     * {@code row.name}), or a parameter holding the row ({@code $p0}, {@code $p0.name}).
     */
    public static final class Row {
        private final String self;

        private Row(String self) {
            this.self = self;
        }

        /** The variable {@code variable}, bound by {@code UNWIND $list AS variable}. */
        public static Row unwound(String variable) {
            quote(variable);
            return new Row(variable);
        }

        /** The parameter {@code $name}, which holds the row (see {@link #bind}). */
        public static Row parameter(String name) {
            quote(name);
            return new Row("$" + name);
        }

        /** The whole row. */
        public String self() {
            return self;
        }

        /** A field of the row: a node property by its stored name, or {@code src}, {@code dst}, {@code props}, {@code keep}. */
        public String field(String name) {
            return self + "." + quote(name);
        }

        /** Puts {@code row} into {@code parameters} as this parameter row's value. */
        public void bind(Object row, Map<String, Object> parameters) {
            if (!self.startsWith("$")) {
                throw new IllegalStateException("An unwound row is bound by its list");
            }
            parameters.put(self.substring(1), row);
        }
    }

    /**
     * {@code CREATE (n:A:B {id: r.id, p: r.p, ...})}: every mapped property inline (a null one is
     * not stored), interned strings through {@code intern}, vectors through {@code vecf32}. A create costs the same on a graph of any size, where a {@code SET} on a
     * node the statement just created costs time proportional to the graph's size (FalkorDB 4.x).
     * An open shape's nodes are upserted instead.
     */
    public static String createNodes(NodeShape s, Row r) {
        if (s.open()) {
            return upsertNodes(s, r);
        }
        return cached("create", s, s, r.self, () -> renderCreate(s, r));
    }

    private static String renderCreate(NodeShape s, Row r) {
        StringBuilder sb = new StringBuilder("CREATE (n").append(s.labelExpression()).append(" {")
                .append(quote(s.idProperty())).append(": ").append(r.field(s.idProperty()));
        for (PropertyShape p : s.properties()) {
            sb.append(", ").append(quote(p.name())).append(": ").append(value(p, r));
        }
        return sb.append("})").toString();
    }

    /**
     * {@code MERGE (n:IdLabel {id: r.id}) SET n += r, n:Other, ...}: {@code +=} sets the
     * properties the row names (a null removes one; the id is set to itself) and keeps the
     * others. Interned and vector properties are set again through their functions.
     */
    public static String upsertNodes(NodeShape s, Row r) {
        return cached("upsert", s, s, r.self, () -> renderUpsert(s, r));
    }

    private static String renderUpsert(NodeShape s, Row r) {
        if (s.createsInline() && r.self().startsWith("$")) {
            // FalkorDB 4.16 applies the SET below to a null node when the row is a plain parameter
            // ("alias 'n' did not resolve to a graph entity"); as a one-row UNWIND it filters correctly
            return "UNWIND [" + r.self() + "] AS __row " + renderUpsert(s, Row.unwound("__row"));
        }
        String match = "(n:" + quote(s.idLabel()) + " {" + quote(s.idProperty()) + ": " + r.field(s.idProperty()) + "})";
        StringBuilder sb;
        if (s.createsInline()) {
            // a mandatory constraint is checked when a node is created: missing nodes are created with
            // every property inline (and not set again: FalkorDB 4.16 loses vector-index entries of a
            // node created and then set in one statement), existing ones are set as an upsert does
            sb = new StringBuilder("OPTIONAL MATCH ").append(match)
                    .append(" FOREACH (__new IN CASE WHEN n IS NULL THEN [1] ELSE [] END | ")
                    .append(renderCreate(s, r).replaceFirst("^CREATE \\(n", "CREATE (__m"))
                    .append(s.open() ? " SET __m += " + r.self() : "")
                    .append(") WITH ").append(r.self()).append(", n")
                    .append(" WHERE n IS NOT NULL SET n += ").append(r.self());
        } else {
            sb = new StringBuilder("MERGE ").append(match).append(" SET n += ").append(r.self());
        }
        StringBuilder extraLabels = new StringBuilder();
        for (String label : s.labels()) {
            if (!label.equals(s.idLabel())) {
                extraLabels.append(':').append(quote(label));
            }
        }
        if (extraLabels.length() > 0) {
            sb.append(", n").append(extraLabels);
        }
        for (PropertyShape p : s.properties()) {
            if (p.form() != PropertyShape.Form.PLAIN) {
                sb.append(", n.").append(quote(p.name())).append(" = ").append(value(p, r));
            }
        }
        return sb.toString();
    }

    /** How many labels an upsert sets on each node it creates (all but the id label). */
    public static int labelsSetByUpsert(NodeShape s) {
        return s.labels().contains(s.idLabel()) ? s.labels().size() - 1 : s.labels().size();
    }

    private static String value(PropertyShape p, Row r) {
        return switch (p.form()) {
            case PLAIN -> r.field(p.name());
            case INTERNED -> "intern(" + r.field(p.name()) + ")";
            case VECTOR -> "vecf32(" + r.field(p.name()) + ")";
        };
    }

    /** {@code MATCH (n:L {id: <id>}) DELETE n}: a node's relationships go with it. */
    public static String deleteNode(NodeShape s, String id) {
        return cached("delete", s, s, id, () -> renderDelete(s, id));
    }

    private static String renderDelete(NodeShape s, String id) {
        return "MATCH (n:" + quote(s.primaryLabel()) + " {" + quote(s.idProperty()) + ": " + id + "}) DELETE n";
    }

    /** The relationship change of {@code op} for one row: a merge, a delete or a prune. */
    public static String edges(WriteOperation.EdgeChange change, EdgeShape e, Row r) {
        return cached(change.name(), e.from(), e, r.self, () -> renderEdges(change, e, r));
    }

    private static String renderEdges(WriteOperation.EdgeChange change, EdgeShape e, Row r) {
        String source = "(a:" + quote(e.from().idLabel()) + " {" + quote(e.from().idProperty()) + ": "
                + r.field("src") + "})";
        String target = "(b:" + quote(e.to().idLabel()) + " {" + quote(e.to().idProperty()) + ": "
                + r.field("dst") + "})";
        String rel = "[r:" + quote(e.type()) + "]";
        String edge = switch (e.direction()) {
            case OUTGOING -> "-" + rel + "->";
            case INCOMING -> "<-" + rel + "-";
            case UNDIRECTED -> "-" + rel + "-";
        };
        return switch (change) {
            case MERGE -> "MATCH " + source + ", " + target + " MERGE (a)" + edge + "(b)"
                    + (e.withProperties() ? " SET r += " + r.field("props") : "");
            case DELETE -> "MATCH " + source + edge + target + " DELETE r";
            case PRUNE -> "MATCH " + source + edge + "(b:" + quote(e.to().primaryLabel()) + ") WHERE NOT b."
                    + quote(e.to().idProperty()) + " IN " + r.field("keep") + " DELETE r";
        };
    }

    /**
     * The version checks of a statement, to put first: each check's rows are unwound from the
     * parameter of the same index in {@code parameters}, and the statement fails with a
     * {@link #isVersionConflict conflict} unless every node has the version its row states.
     * Ends with a {@code WITH} passing one row on. Checks must not be empty.
     */
    public static String versionChecks(List<WriteOperation.CheckVersions> checks, List<String> parameters) {
        StringBuilder sb = new StringBuilder();
        String misses = null;
        for (int i = 0; i < checks.size(); i++) {
            NodeShape s = checks.get(i).node();
            String p = "$" + parameters.get(i);
            String version = "n." + quote(s.versionProperty());
            String miss = "sum(CASE WHEN (CASE WHEN v.version IS NULL THEN " + version + " IS NULL ELSE " + version
                    + " = v.version END) THEN 0 ELSE 1 END)";
            sb.append("UNWIND ").append(p).append(" AS v OPTIONAL MATCH (n:").append(quote(s.idLabel())).append(" {")
                    .append(quote(s.idProperty())).append(": v.id}) WITH ");
            if (misses == null) {
                sb.append(miss).append(" AS __m").append(i).append(' ');
            } else {
                // an earlier total is a grouping key here: aggregate first, add in the next projection
                sb.append(misses).append(", ").append(miss).append(" AS __s").append(i).append(" WITH ").append(misses)
                        .append(" + __s").append(i).append(" AS __m").append(i).append(' ');
            }
            misses = "__m" + i;
        }
        // CASE evaluates every branch on FalkorDB: the divisor itself must be the condition
        return sb.append("WITH 1 / CASE WHEN ").append(misses).append(" = 0 THEN 1 ELSE 0 END AS __versions ")
                .toString();
    }

    /**
     * {@code CALL db.constraints() ... WITH count(...) AS <variable> WHERE <variable> = N }: lets the
     * statement's row through only when the N unique constraints of {@code s} are operational
     * (empty for a shape without unique properties). Labels and property names are validated
     * identifiers, so the string literals cannot be broken out of.
     */
    public static String guard(NodeShape s, String variable) {
        return cached("guard", s, s, variable, () -> renderGuard(List.of(s), variable));
    }

    /**
     * One guard for every shape of {@code shapes} (see {@link #guard(NodeShape, String)}): put at
     * the start of a statement, before any write, it stops the whole statement when one
     * constraint is not operational.
     */
    public static String guard(List<NodeShape> shapes, String variable) {
        if (shapes.size() == 1) {
            return guard(shapes.get(0), variable);
        }
        return renderGuard(shapes, variable);
    }

    private static String renderGuard(List<NodeShape> shapes, String variable) {
        Set<String> conditions = new LinkedHashSet<>();
        for (NodeShape s : shapes) {
            conditions.addAll(guardConditions(s));
        }
        if (conditions.isEmpty()) {
            return "";
        }
        return check(new ArrayList<>(conditions), variable) + "WHERE " + variable + " = " + conditions.size() + " ";
    }

    /**
     * The end of a guarded statement: {@code WITH count(*) ... RETURN ok}, true if the unique
     * constraints of every shape in {@code shapes} are operational (a guard that found one missing
     * stopped every write of the statement).
     */
    public static String guardResult(List<NodeShape> shapes) {
        if (shapes.size() == 1) {
            return cached("guardResult", shapes.get(0), shapes.get(0), null, () -> renderGuardResult(shapes));
        }
        return renderGuardResult(shapes);
    }

    private static String renderGuardResult(List<NodeShape> shapes) {
        Set<String> conditions = new LinkedHashSet<>();
        for (NodeShape s : shapes) {
            conditions.addAll(guardConditions(s));
        }
        return "WITH count(*) AS __done " + check(new ArrayList<>(conditions), "__ok") + "RETURN __ok = "
                + conditions.size() + " AS ok";
    }

    private static List<String> guardConditions(NodeShape s) {
        List<String> conditions = new ArrayList<>();
        quote(s.idLabel());
        for (String p : s.uniqueProperties()) {
            quote(p);
            conditions.add("(label = '" + s.idLabel() + "' AND properties = ['" + p + "'])");
        }
        return conditions;
    }

    private static String check(List<String> conditions, String variable) {
        return "CALL db.constraints() YIELD type, label, properties, entitytype, status WITH count(CASE WHEN type = "
                + "'UNIQUE' AND entitytype = 'NODE' AND status = 'OPERATIONAL' AND (" + String.join(" OR ", conditions)
                + ") THEN 1 END) AS " + variable + " ";
    }
}
