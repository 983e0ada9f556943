package dev.falkor.orm.core.internal.write;

import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a {@link WritePlan} to Cypher statements. A plan of at most {@code batchSize} rows
 * becomes one statement, so it is applied atomically (FalkorDB runs each statement atomically;
 * it has no multi-statement transactions). Larger plans are cut into statements of at most
 * {@code batchSize} rows each, applied one after another.
 *
 * <p>Several parts in one statement are chained with {@code WITH count(*)} barriers, which
 * keep one row flowing even when a part's list is empty ({@code CALL {}} subqueries drop rows
 * on FalkorDB 4.x). A guarded part is preceded by a check that the entity's unique
 * constraints are operational, and writes nothing otherwise; the statement then returns
 * {@code false} in its single column (see {@link Statement#guarded()}).
 *
 * <p>Labels and property names come from validated mapping metadata and are back-quoted;
 * every value is a parameter.
 */
public final class StatementComposer {

    /**
     * One statement to send: its text, parameters, whether it reports a guard outcome, and how
     * many labels each node it creates gets by {@code SET} (the server counts those in "Labels
     * added"; anything above means a label was new to the graph: see {@link #labelsBeyondSet}).
     */
    public record Statement(String cypher, Map<String, Object> parameters, boolean guarded, int labelsSetPerCreatedNode,
                            List<EntityMetadata> entities) {

        /**
         * True if the reply's statistics show a label that was new to the graph, which after the
         * mapper created its indexes means the graph was deleted or re-created meanwhile.
         */
        public boolean labelsBeyondSet(int labelsAdded, int nodesCreated) {
            return labelsAdded > (long) nodesCreated * labelsSetPerCreatedNode;
        }
    }

    private final int batchSize;
    private final Map<EntityMetadata, String> upserts = new ConcurrentHashMap<>();
    private final Map<EntityMetadata, String> guards = new ConcurrentHashMap<>();

    private final boolean guarded;

    /** With {@code guarded}, parts of entities with unique properties check their constraints. */
    public StatementComposer(int batchSize, boolean guarded) {
        this.batchSize = batchSize;
        this.guarded = guarded;
    }

    /** The statements for {@code plan}, in the order they must run. */
    public List<Statement> compose(WritePlan plan) {
        List<Statement> out = new ArrayList<>();
        if (plan.isEmpty()) {
            return out;
        }
        if (plan.size() <= batchSize) {
            out.add(statement(plan.parts()));
            return out;
        }
        for (WritePlan.Part part : plan.parts()) {
            for (int from = 0; from < part.size(); from += batchSize) {
                int to = Math.min(part.size(), from + batchSize);
                out.add(statement(List.of(slice(part, from, to))));
            }
        }
        return out;
    }

    private static WritePlan.Part slice(WritePlan.Part part, int from, int to) {
        if (part instanceof WritePlan.UpsertNodes u) {
            return new WritePlan.UpsertNodes(u.entity(), u.rows().subList(from, to));
        }
        if (part instanceof WritePlan.DeleteNodes d) {
            return new WritePlan.DeleteNodes(d.entity(), d.ids().subList(from, to));
        }
        if (part instanceof WritePlan.CreateNodes c) {
            return new WritePlan.CreateNodes(c.entity(), c.rows().subList(from, to));
        }
        WritePlan.Edges e = (WritePlan.Edges) part;
        return e.withRows(e.rows().subList(from, to));
    }

    /** {@code (a:From {id: row.src})}: the owner end of an edge row, found by id under its id label. */
    private static String source(EntityMetadata from) {
        return "(a:" + Identifiers.quote(from.idLabel()) + " {" + from.id().quotedName() + ": row.src})";
    }

    /** {@code -[r:T]->} in the part's direction, seen from the source. */
    private static String edge(WritePlan.Edges e) {
        String rel = "[r:" + Identifiers.quote(e.type()) + "]";
        return switch (e.direction()) {
            case OUTGOING -> "-" + rel + "->";
            case INCOMING -> "<-" + rel + "-";
            case UNDIRECTED -> "-" + rel + "-";
        };
    }

    /** The Cypher of an edges part, reading {@code row} from {@code $name}. */
    static String edges(WritePlan.Edges e, String name) {
        StringBuilder sb = new StringBuilder("UNWIND $").append(name).append(" AS row ");
        String target = "(b:" + Identifiers.quote(e.to().idLabel()) + " {" + e.to().id().quotedName() + ": row.dst})";
        switch (e.change()) {
            case MERGE -> {
                sb.append("MATCH ").append(source(e.from())).append(", ").append(target).append(" MERGE (a)")
                        .append(edge(e)).append("(b)");
                if (e.withProperties()) {
                    sb.append(" SET r += row.props");
                }
            }
            case DELETE -> sb.append("MATCH ").append(source(e.from())).append(edge(e)).append(target).append(" DELETE r");
            case PRUNE -> sb.append("MATCH ").append(source(e.from())).append(edge(e)).append("(b:")
                    .append(Identifiers.quote(e.to().primaryLabel())).append(") WHERE NOT b.")
                    .append(e.to().id().quotedName()).append(" IN row.keep DELETE r");
        }
        return sb.toString();
    }

    private Statement statement(List<WritePlan.Part> parts) {
        StringBuilder cypher = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        boolean guarded = false;
        int labelsPerNode = 0;
        Set<EntityMetadata> entities = new LinkedHashSet<>();
        int n = 0;
        for (WritePlan.Part part : parts) {
            if (part.size() == 0) {
                continue;
            }
            String name = "rows" + n;
            if (n > 0) {
                cypher.append(" WITH count(*) AS __c").append(n).append(' ');
            }
            // edges create no nodes: the unique constraints cannot be bypassed by them
            String guard = part instanceof WritePlan.Edges ? "" : guardFor(part.entity());
            if (!guard.isEmpty()) {
                cypher.append(guard.replace("__guard", "__g" + n));
                guarded = true;
            }
            entities.add(part.entity());
            if (part instanceof WritePlan.UpsertNodes u) {
                cypher.append(upsertFor(u.entity()).replace("$rows", "$" + name));
                params.put(name, u.rows());
                labelsPerNode = Math.max(labelsPerNode, u.entity().labels().size() - 1);
            } else if (part instanceof WritePlan.CreateNodes c && c.rows().size() == 1) {
                // one node: plain parameters, no list to unwind (16 µs of server time less per save)
                Single single = singles.computeIfAbsent(c.entity(), StatementComposer::singleCreate);
                cypher.append(single.cypher().replace("$__s", "$" + name + "_"));
                @SuppressWarnings("unchecked")
                Map<String, Object> props = (Map<String, Object>) c.rows().get(0).get("props");
                params.put(name + "_id", c.rows().get(0).get("id"));
                for (int k = 0; k < single.properties().size(); k++) {
                    params.put(name + "_" + k, props.get(single.properties().get(k).graphName()));
                }
            } else if (part instanceof WritePlan.CreateNodes c) {
                cypher.append(creates.computeIfAbsent(c.entity(), StatementComposer::createStatement)
                        .replace("$rows", "$" + name));
                params.put(name, c.rows());
            } else if (part instanceof WritePlan.DeleteNodes d) {
                EntityMetadata e = d.entity();
                cypher.append("MATCH (n:").append(Identifiers.quote(e.primaryLabel())).append(") WHERE n.")
                        .append(e.id().quotedName()).append(" IN $").append(name).append(" DELETE n");
                params.put(name, d.ids());
            } else {
                WritePlan.Edges e = (WritePlan.Edges) part;
                cypher.append(edges(e, name));
                params.put(name, e.rows());
            }
            n++;
        }
        if (guarded) {
            // a guarded part whose constraints were missing wrote nothing: report whether all were there
            Set<String> conditions = new LinkedHashSet<>();
            for (WritePlan.Part p : parts) {
                if (p.size() > 0 && !(p instanceof WritePlan.Edges) && !guardFor(p.entity()).isEmpty()) {
                    conditions.addAll(guardConditions(p.entity()));
                }
            }
            cypher.append(" WITH count(*) AS __done ").append(check(new ArrayList<>(conditions), "__ok"))
                    .append("RETURN __ok = ").append(conditions.size()).append(" AS ok");
        }
        return new Statement(cypher.toString(), params, guarded, labelsPerNode, List.copyOf(entities));
    }

    /**
     * {@code UNWIND $rows AS row MERGE (n:L {id: row.id}) SET n += row.props ...}: {@code +=}
     * updates the mapped properties only; each row carries every mapped property, null ones as
     * {@code null}, which removes them. Properties the mapping does not know stay as they are.
     */
    private String upsertFor(EntityMetadata entity) {
        return upserts.computeIfAbsent(entity, StatementComposer::upsertStatement);
    }

    static String upsertStatement(EntityMetadata entity) {
        StringBuilder sb = new StringBuilder("UNWIND $rows AS row MERGE (n:")
                .append(Identifiers.quote(entity.idLabel())).append(" {")
                .append(entity.id().quotedName()).append(": row.id}) SET n += row.props");
        StringBuilder extraLabels = new StringBuilder();
        for (String label : entity.labels()) {
            if (!label.equals(entity.idLabel())) {
                extraLabels.append(':').append(Identifiers.quote(label));
            }
        }
        if (extraLabels.length() > 0) {
            sb.append(", n").append(extraLabels);
        }
        for (PersistentProperty p : entity.properties()) {
            if (p.isId()) {
                continue; // set by the MERGE itself; rows carry it as row.id only
            }
            String target = "n." + p.quotedName();
            String source = "row.props." + p.quotedName();
            if (p.isInterned()) {
                sb.append(", ").append(target).append(" = intern(").append(source).append(')');
            } else if (p.kind() == PersistentProperty.Kind.VECTOR) {
                sb.append(", ").append(target).append(" = vecf32(").append(source).append(')');
            }
        }
        return sb.toString();
    }

    /**
     * {@code UNWIND $rows AS row CREATE (n:A:B {id: row.id, p: row.props.p, ...})}: every mapped
     * property inline (a null one is simply not stored), interned strings through
     * {@code intern(...)} and vectors through {@code vecf32(...)}. Only for entities without
     * {@code Map} fields, whose property names are known up front ({@link #canCreateInline}).
     */
    static String createStatement(EntityMetadata entity) {
        StringBuilder sb = new StringBuilder("UNWIND $rows AS row CREATE (n").append(entity.labelExpression())
                .append(" {").append(entity.id().quotedName()).append(": row.id");
        for (PersistentProperty p : entity.properties()) {
            if (p.isId()) {
                continue;
            }
            String source = "row.props." + p.quotedName();
            if (p.isInterned()) {
                source = "intern(" + source + ")";
            } else if (p.kind() == PersistentProperty.Kind.VECTOR) {
                source = "vecf32(" + source + ")";
            }
            sb.append(", ").append(p.quotedName()).append(": ").append(source);
        }
        return sb.append("})").toString();
    }

    /** The one-node create of an entity: text with {@code $__sid}, {@code $__s0}... and the properties in order. */
    private record Single(String cypher, List<PersistentProperty> properties) {
    }

    private final Map<EntityMetadata, Single> singles = new ConcurrentHashMap<>();
    private static Single singleCreate(EntityMetadata entity) {
        StringBuilder sb = new StringBuilder("CREATE (n").append(entity.labelExpression()).append(" {")
                .append(entity.id().quotedName()).append(": $__sid");
        List<PersistentProperty> props = new ArrayList<>();
        for (PersistentProperty p : entity.properties()) {
            if (p.isId()) {
                continue;
            }
            String source = "$__s" + props.size();
            if (p.isInterned()) {
                source = "intern(" + source + ")";
            } else if (p.kind() == PersistentProperty.Kind.VECTOR) {
                source = "vecf32(" + source + ")";
            }
            sb.append(", ").append(p.quotedName()).append(": ").append(source);
            props.add(p);
        }
        return new Single(sb.append("})").toString(), List.copyOf(props));
    }

    /** True if new nodes of {@code entity} can be created with inline properties (no {@code Map} fields). */
    public static boolean canCreateInline(EntityMetadata entity) {
        for (PersistentProperty p : entity.properties()) {
            if (p.kind() == PersistentProperty.Kind.MAP) {
                return false;
            }
        }
        return true;
    }

    private final Map<EntityMetadata, String> creates = new ConcurrentHashMap<>();

    /** The unique properties of an entity: the constraints its writes are guarded by. */
    public static List<PersistentProperty> uniqueProperties(EntityMetadata entity) {
        Set<PersistentProperty> out = new LinkedHashSet<>();
        if (entity.id().isUnique()) {
            out.add(entity.id());
        }
        for (PersistentProperty p : entity.properties()) {
            if (p.isUnique()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private String guardFor(EntityMetadata entity) {
        if (!guarded) {
            return "";
        }
        return guards.computeIfAbsent(entity, StatementComposer::guardPrefix);
    }

    /**
     * {@code CALL db.constraints() ... WITH count(...) AS __guard WHERE __guard = N}: lets the
     * statement's rows through only when all N unique constraints of the entity are operational.
     * Labels and property names are validated identifiers, so the literals cannot be broken out of.
     */
    private static String guardPrefix(EntityMetadata entity) {
        List<String> conditions = guardConditions(entity);
        if (conditions.isEmpty()) {
            return "";
        }
        return check(conditions, "__guard") + "WHERE __guard = " + conditions.size() + " ";
    }

    /** One condition on a {@code db.constraints()} row per unique constraint the entity needs. */
    private static List<String> guardConditions(EntityMetadata entity) {
        List<String> conditions = new ArrayList<>();
        for (PersistentProperty p : uniqueProperties(entity)) {
            conditions.add("(label = '" + entity.idLabel() + "' AND properties = ['" + p.graphName() + "'])");
        }
        return conditions;
    }

    /** {@code CALL db.constraints() ... WITH count(<operational and one of conditions>) AS variable }. */
    private static String check(List<String> conditions, String variable) {
        return "CALL db.constraints() YIELD type, label, properties, entitytype, status WITH count(CASE WHEN type = "
                + "'UNIQUE' AND entitytype = 'NODE' AND status = 'OPERATIONAL' AND (" + String.join(" OR ", conditions)
                + ") THEN 1 END) AS " + variable + " ";
    }
}
