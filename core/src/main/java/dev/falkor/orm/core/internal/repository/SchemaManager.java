package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.core.SchemaMode;
import dev.falkor.orm.core.SchemaObject;
import dev.falkor.orm.core.SchemaPlan;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.StringValue;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the indexes and constraints entities need: a range index on the id property of every
 * label an entity is matched by, and for every {@code @Unique} property (the id or another) a
 * unique constraint with the range index it needs, waited for until {@code OPERATIONAL}.
 *
 * <p>Indexes and constraints vanish with their graph: after a {@code GRAPH.DELETE} by anyone
 * or a server restart without persistence. The schema is ensured again before the next write
 * when a read found the graph missing or a connection broke ({@link GraphAccess}); and writes
 * of entities with unique properties are guarded ({@link Writes}): the write statement itself
 * checks that the constraints are operational and writes nothing if they are not, so a
 * duplicate can never be accepted by a re-created graph.
 */
public final class SchemaManager {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);
    private static final long CONSTRAINT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final GraphAccess graph;
    private final SchemaMode mode;
    private final Set<EntityMetadata> ensured = ConcurrentHashMap.newKeySet();

    public SchemaManager(GraphAccess graph, SchemaMode mode) {
        this.graph = graph;
        this.mode = mode;
    }

    /**
     * True if writes check the unique constraints they rely on (not with {@link SchemaMode#NONE},
     * where the mapper does not manage constraints).
     */
    public boolean guardsWrites() {
        return mode != SchemaMode.NONE;
    }

    /** Applies the schema mode to one entity type. */
    public synchronized void ensure(EntityMetadata entity) {
        if (mode == SchemaMode.NONE) {
            return;
        }
        List<Declared> wanted = declared(entity);
        SchemaPlan plan = plan(wanted, actual(), false);
        if (mode == SchemaMode.VALIDATE) {
            if (!plan.isEmpty()) {
                List<String> fixes = new java.util.ArrayList<>();
                plan.missing().forEach(o -> fixes.add(o.createStatement()));
                throw new ConfigurationException("Entity " + entity.type().getName() + " needs in graph '"
                        + graph.graph() + "': " + String.join("; ", plan.lines()) + ". Create "
                        + (fixes.isEmpty() ? "them" : "with " + String.join("; ", fixes)) + " (or apply "
                        + "orm.schema().plan()), or use SchemaMode.CREATE");
            }
        } else {
            if (!plan.mismatched().isEmpty()) {
                // re-creating an index or constraint is the caller's decision, not a side effect of startup
                throw new ConfigurationException("Entity " + entity.type().getName() + " declares indexes or "
                        + "constraints that graph '" + graph.graph() + "' has in another form: "
                        + String.join("; ", plan.lines()) + ". Review orm.schema().plan() and apply it");
            }
            apply(plan, wanted);
            registerPropertyNames(entity);
        }
        ensured.add(entity);
    }

    /** The plan for these entities against the graph, extras listed. */
    public synchronized SchemaPlan plan(java.util.Collection<EntityMetadata> entities) {
        return plan(declared(entities), actual(), true);
    }

    /** Applies a plan made by {@link #plan(java.util.Collection)} for these entities. */
    public synchronized void apply(SchemaPlan plan, java.util.Collection<EntityMetadata> entities) {
        if (!plan.graph().equals(graph.graph())) {
            throw new IllegalArgumentException("The plan is for graph '" + plan.graph() + "', not '" + graph.graph() + "'");
        }
        apply(plan, declared(entities));
    }

    /** A schema object the model declares, and for whom (to name it in messages). */
    record Declared(SchemaObject object, String owner) {
    }

    /** Everything the entities declare, once each (indexes first: a unique constraint needs its index). */
    static List<Declared> declared(java.util.Collection<EntityMetadata> entities) {
        java.util.Map<String, Declared> out = new java.util.LinkedHashMap<>();
        for (EntityMetadata e : entities) {
            for (Declared d : declared(e)) {
                out.putIfAbsent(d.object().key(), d);
            }
        }
        List<Declared> sorted = new java.util.ArrayList<>(out.values());
        sorted.sort(java.util.Comparator.comparing(d -> d.object().kind().isConstraint()));
        return sorted;
    }

    /** What one entity declares: id indexes, @Unique, @Indexed, @Mandatory, full-text, vector; and on its relationships' properties. */
    static List<Declared> declared(EntityMetadata entity) {
        List<Declared> out = new java.util.ArrayList<>();
        if (entity.isRelationshipProperties()) {
            return out;
        }
        String owner = entity.type().getName();
        for (String label : new LinkedHashSet<>(List.of(entity.idLabel(), entity.primaryLabel()))) {
            out.add(new Declared(object(SchemaObject.Kind.RANGE_INDEX, false, label, entity.id().graphName(), Map.of()),
                    owner + "." + entity.id().javaName()));
        }
        for (PersistentProperty p : entity.properties()) {
            declare(out, p, false, p.isUnique() ? entity.idLabel() : entity.primaryLabel(), owner + "." + p.javaName());
        }
        for (PersistentProperty r : entity.relationships()) {
            if (r.relationship().hasProperties()) {
                for (PersistentProperty p : r.relationship().properties().properties()) {
                    declare(out, p, true, r.relationship().type(),
                            r.relationship().properties().type().getName() + "." + p.javaName());
                }
            }
        }
        out.sort(java.util.Comparator.comparing(d -> d.object().kind().isConstraint()));
        return out;
    }

    private static void declare(List<Declared> out, PersistentProperty p, boolean onRelationships, String label,
                                String owner) {
        String prop = p.graphName();
        if ((p.isIndexed() || p.isUnique()) && !p.isId()) {
            out.add(new Declared(object(SchemaObject.Kind.RANGE_INDEX, onRelationships, label, prop, Map.of()), owner));
        }
        if (p.isUnique()) {
            out.add(new Declared(object(SchemaObject.Kind.UNIQUE_CONSTRAINT, onRelationships, label, prop, Map.of()), owner));
        }
        if (p.isMandatory()) {
            if (onRelationships) {
                // the server checks it when MERGE creates the relationship, before SET gives it its properties
                throw new dev.falkor.orm.api.MappingException(owner + ": @Mandatory is not supported on relationship "
                        + "properties: FalkorDB checks the constraint when the relationship is created, before the "
                        + "mapper sets its properties");
            }
            out.add(new Declared(object(SchemaObject.Kind.MANDATORY_CONSTRAINT, onRelationships, label, prop, Map.of()),
                    owner));
        }
        if (p.fulltext() != null && !onRelationships) {
            Map<String, Object> options = new java.util.LinkedHashMap<>();
            if (!p.fulltext().language().isEmpty()) {
                options.put("language", p.fulltext().language());
            }
            if (p.fulltext().stopwords().length > 0) {
                options.put("stopwords", List.of(p.fulltext().stopwords()));
            }
            out.add(new Declared(object(SchemaObject.Kind.FULLTEXT_INDEX, false, label, prop, options), owner));
        }
        if (p.vector() != null && !onRelationships) {
            out.add(new Declared(object(SchemaObject.Kind.VECTOR_INDEX, false, label, prop, Map.of(
                    "dimension", (long) p.vector().dimension(),
                    "similarityFunction", p.vector().similarity().serverName())), owner));
        }
    }

    private static SchemaObject object(SchemaObject.Kind kind, boolean rel, String label, String prop,
                                       Map<String, Object> options) {
        return new SchemaObject(kind, rel, label, prop, options, null);
    }

    /** The graph's indexes and constraints, one object per property. */
    List<SchemaObject> actual() {
        List<SchemaObject> out = new java.util.ArrayList<>();
        QueryResult r = graph.read("CALL db.indexes()", Map.of());
        if (!r.isEmpty()) {
            int label = r.indexOf("label");
            int types = r.indexOf("types");
            int options = r.indexOf("options");
            int language = r.indexOf("language");
            int stopwords = r.indexOf("stopwords");
            int entityType = r.indexOf("entitytype");
            for (List<GraphValue> row : r.rows()) {
                boolean rel = new StringValue("RELATIONSHIP").equals(row.get(entityType));
                String l = ((StringValue) row.get(label)).value();
                Map<String, GraphValue> byProperty = ((dev.falkor.orm.spi.value.MapValue) row.get(types)).values();
                Map<String, GraphValue> optionsByProperty = row.get(options) instanceof dev.falkor.orm.spi.value.MapValue m
                        ? m.values() : Map.of();
                for (Map.Entry<String, GraphValue> e : byProperty.entrySet()) {
                    for (GraphValue kind : ((ListValue) e.getValue()).values()) {
                        String k = ((StringValue) kind).value();
                        Map<String, Object> o = new java.util.LinkedHashMap<>();
                        SchemaObject.Kind objectKind;
                        if (k.equals("VECTOR")) {
                            objectKind = SchemaObject.Kind.VECTOR_INDEX;
                            if (optionsByProperty.get(e.getKey()) instanceof dev.falkor.orm.spi.value.MapValue vm) {
                                o.put("dimension", vm.values().get("dimension").asJava());
                                o.put("similarityFunction", vm.values().get("similarityFunction").asJava());
                            }
                        } else if (k.equals("FULLTEXT")) {
                            objectKind = SchemaObject.Kind.FULLTEXT_INDEX;
                            o.put("language", row.get(language).asJava());
                            o.put("stopwords", row.get(stopwords).asJava());
                        } else {
                            objectKind = SchemaObject.Kind.RANGE_INDEX;
                        }
                        out.add(new SchemaObject(objectKind, rel, l, e.getKey(), o, null));
                    }
                }
            }
        }
        QueryResult c = graph.read("CALL db.constraints()", Map.of());
        if (!c.isEmpty()) {
            int type = c.indexOf("type");
            int label = c.indexOf("label");
            int props = c.indexOf("properties");
            int entityType = c.indexOf("entitytype");
            int status = c.indexOf("status");
            for (List<GraphValue> row : c.rows()) {
                List<String> names = new java.util.ArrayList<>();
                for (GraphValue v : ((ListValue) row.get(props)).values()) {
                    names.add(((StringValue) v).value());
                }
                out.add(new SchemaObject(new StringValue("UNIQUE").equals(row.get(type))
                        ? SchemaObject.Kind.UNIQUE_CONSTRAINT : SchemaObject.Kind.MANDATORY_CONSTRAINT,
                        new StringValue("RELATIONSHIP").equals(row.get(entityType)),
                        ((StringValue) row.get(label)).value(), String.join(",", names), Map.of(),
                        ((StringValue) row.get(status)).value()));
            }
        }
        return out;
    }

    /** The difference between what is wanted and what the graph has. */
    SchemaPlan plan(List<Declared> wanted, List<SchemaObject> have, boolean withExtras) {
        Map<String, SchemaObject> byKey = new java.util.LinkedHashMap<>();
        for (SchemaObject o : have) {
            byKey.put(o.key(), o);
        }
        List<SchemaObject> missing = new java.util.ArrayList<>();
        List<SchemaPlan.Mismatch> mismatched = new java.util.ArrayList<>();
        Set<String> declaredKeys = new HashSet<>();
        for (Declared d : wanted) {
            SchemaObject want = d.object();
            declaredKeys.add(want.key());
            SchemaObject got = byKey.get(want.key());
            if (got == null) {
                missing.add(want);
            } else if ("FAILED".equals(got.status()) || !matches(want, got)) {
                mismatched.add(new SchemaPlan.Mismatch(want, got));
            }
        }
        List<SchemaObject> extra = new java.util.ArrayList<>();
        if (withExtras) {
            for (SchemaObject o : have) {
                if (!declaredKeys.contains(o.key())) {
                    extra.add(o);
                }
            }
        }
        return new SchemaPlan(graph.graph(), missing, extra, mismatched, false);
    }

    /** Every option the model declares has that value in the graph (numbers compared as numbers). */
    private static boolean matches(SchemaObject want, SchemaObject got) {
        for (Map.Entry<String, Object> e : want.options().entrySet()) {
            Object g = got.options().get(e.getKey());
            Object w = e.getValue();
            if (w instanceof Number wn && g instanceof Number gn) {
                if (wn.doubleValue() != gn.doubleValue()) {
                    return false;
                }
            } else if (!java.util.Objects.equals(String.valueOf(w), String.valueOf(g))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes the graph match {@code plan}: drops the mismatched objects (and the extras, if the plan
     * says so), creates what is missing and what was mismatched, indexes before constraints, and
     * waits for constraints to be built. Creating what exists is not an error.
     */
    synchronized void apply(SchemaPlan plan, List<Declared> wanted) {
        Map<String, String> owners = new java.util.HashMap<>();
        for (Declared d : wanted) {
            owners.put(d.object().key(), d.owner());
        }
        List<SchemaObject> dropped = new java.util.ArrayList<>();
        for (SchemaPlan.Mismatch m : plan.mismatched()) {
            drop(m.actual());
            dropped.add(m.actual());
        }
        if (plan.dropExtras()) {
            for (SchemaObject o : plan.extra()) {
                drop(o);
                dropped.add(o);
            }
        }
        awaitGone(dropped);
        List<SchemaObject> create = new java.util.ArrayList<>(plan.missing());
        plan.mismatched().forEach(m -> create.add(m.declared()));
        create.sort(java.util.Comparator.comparing(o -> o.kind().isConstraint()));
        for (SchemaObject o : create) {
            create(o);
            LOG.info("Created {} in graph {}", o, graph.graph());
        }
        for (SchemaObject o : create) {
            if (o.kind().isConstraint()) {
                awaitConstraint(o, owners.getOrDefault(o.key(), o.label() + "." + o.property()));
            }
        }
    }

    private void create(SchemaObject o) {
        String target = o.onRelationships() ? "()-[n:" + Identifiers.quote(o.label()) + "]-()"
                : "(n:" + Identifiers.quote(o.label()) + ")";
        String prop = "n." + Identifiers.quote(o.property());
        try {
            switch (o.kind()) {
                case RANGE_INDEX -> graph.write("CREATE INDEX FOR " + target + " ON (" + prop + ")", Map.of());
                case VECTOR_INDEX -> graph.write("CREATE VECTOR INDEX FOR " + target + " ON (" + prop + ") OPTIONS "
                        + "{dimension: $dimension, similarityFunction: $similarity}", Map.of(
                        "dimension", o.options().get("dimension"), "similarity", o.options().get("similarityFunction")));
                case FULLTEXT_INDEX -> {
                    if (o.options().isEmpty()) {
                        graph.write("CREATE FULLTEXT INDEX FOR " + target + " ON (" + prop + ")", Map.of());
                    } else {
                        Map<String, Object> config = new java.util.LinkedHashMap<>(o.options());
                        config.put("label", o.label());
                        graph.write("CALL db.idx.fulltext.createNodeIndex($config, $property)",
                                Map.of("config", config, "property", o.property()));
                    }
                }
                case UNIQUE_CONSTRAINT, MANDATORY_CONSTRAINT -> graph.command("GRAPH.CONSTRAINT", "CREATE", graph.graph(),
                        o.kind() == SchemaObject.Kind.UNIQUE_CONSTRAINT ? "UNIQUE" : "MANDATORY",
                        o.onRelationships() ? "RELATIONSHIP" : "NODE", o.label(), "PROPERTIES", "1", o.property());
            }
        } catch (QueryException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase();
            if (!m.contains("already indexed") && !m.contains("already exists")) {
                throw e;
            }
        }
    }

    private void drop(SchemaObject o) {
        String target = o.onRelationships() ? "()-[n:" + Identifiers.quote(o.label()) + "]-()"
                : "(n:" + Identifiers.quote(o.label()) + ")";
        String prop = "n." + Identifiers.quote(o.property());
        try {
            switch (o.kind()) {
                case RANGE_INDEX -> graph.write("DROP INDEX FOR " + target + " ON (" + prop + ")", Map.of());
                case VECTOR_INDEX -> graph.write("DROP VECTOR INDEX FOR " + target + " ON (" + prop + ")", Map.of());
                case FULLTEXT_INDEX -> graph.write("DROP FULLTEXT INDEX FOR " + target + " ON (" + prop + ")", Map.of());
                case UNIQUE_CONSTRAINT, MANDATORY_CONSTRAINT -> {
                    List<String> args = new java.util.ArrayList<>(List.of("DROP", graph.graph(),
                            o.kind() == SchemaObject.Kind.UNIQUE_CONSTRAINT ? "UNIQUE" : "MANDATORY",
                            o.onRelationships() ? "RELATIONSHIP" : "NODE", o.label(), "PROPERTIES"));
                    List<String> props = List.of(o.property().split(","));
                    args.add(Integer.toString(props.size()));
                    args.addAll(props);
                    graph.command("GRAPH.CONSTRAINT", args.toArray(new String[0]));
                }
            }
            LOG.info("Dropped {} in graph {}", o, graph.graph());
        } catch (QueryException e) {
            if (!String.valueOf(e.getMessage()).toLowerCase().contains("no such")) {
                throw e;
            }
        }
    }

    /**
     * The server removes a dropped index in the background and lists it until then: waits (bounded)
     * until none of {@code dropped} is listed, so a plan made after {@code apply} sees the result,
     * and an index re-created with other options is not refused as existing.
     */
    private void awaitGone(List<SchemaObject> dropped) {
        if (dropped.isEmpty()) {
            return;
        }
        Set<String> keys = new HashSet<>();
        dropped.forEach(o -> keys.add(o.key()));
        long deadline = System.nanoTime() + CONSTRAINT_WAIT_NANOS;
        long pause = TimeUnit.MICROSECONDS.toNanos(200);
        while (actual().stream().anyMatch(o -> keys.contains(o.key()))) {
            if (System.nanoTime() > deadline) {
                throw new ConfigurationException("Dropped " + dropped + " in graph '" + graph.graph()
                        + "', but the server still lists them after 30 s");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Constraints are built asynchronously by the server: waits until it reports the outcome. */
    private void awaitConstraint(SchemaObject o, String owner) {
        String what = "the " + o + " for " + owner;
        long deadline = System.nanoTime() + CONSTRAINT_WAIT_NANOS;
        long pause = TimeUnit.MICROSECONDS.toNanos(200);
        while (true) {
            String status = null;
            for (SchemaObject a : actual()) {
                if (a.key().equals(o.key())) {
                    status = a.status();
                }
            }
            if ("OPERATIONAL".equals(status)) {
                return;
            }
            if ("FAILED".equals(status)) {
                throw new ConfigurationException("Could not build " + what + " in graph '" + graph.graph()
                        + "': the stored data already violates it (" + (o.kind() == SchemaObject.Kind.UNIQUE_CONSTRAINT
                        ? "stored nodes already share a value" : "stored nodes lack the property")
                        + "). Fix the data and try again; the failed constraint stays listed until then");
            }
            if (System.nanoTime() > deadline) {
                throw new ConfigurationException(what + " did not become operational within 30 s (status " + status + ")");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /**
     * After a write found the graph re-created: with {@link SchemaMode#CREATE} the schema of
     * every entity ensured so far (and of {@code written}) is created again; with
     * {@link SchemaMode#VALIDATE} the write stands and the next bootstrap reports what is
     * missing; with {@link SchemaMode#NONE} nothing happens.
     */
    void afterRecreation(java.util.Collection<EntityMetadata> written) {
        if (mode != SchemaMode.CREATE) {
            if (mode == SchemaMode.VALIDATE) {
                LOG.warn("Graph {} was re-created: its indexes and constraints are gone and SchemaMode.VALIDATE does "
                        + "not create them", graph.graph());
            }
            return;
        }
        reensure();
        for (EntityMetadata e : written) {
            ensure(e);
        }
    }

    /** Ensures again every entity ensured so far (after the graph was found deleted or re-created). */
    void reensure() {
        for (EntityMetadata e : List.copyOf(ensured)) {
            ensure(e);
        }
    }

    /**
     * Makes the graph know every property name the entity writes (its node properties and those
     * of its relationships), with a node created and deleted in one statement. FalkorDB 4.x gives
     * a new property name its id while compiling a statement; when that statement then fails
     * (a unique violation, a version conflict), the id is rolled back but the server's cached plan
     * keeps it, and once another statement gives that id to another name, the cached plan writes
     * its values under the wrong name. Names the graph already has are never rolled back.
     */
    void registerPropertyNames(EntityMetadata entity) {
        Set<String> names = new LinkedHashSet<>();
        for (PersistentProperty p : entity.properties()) {
            if (p.kind() != PersistentProperty.Kind.MAP) {
                names.add(p.graphName());
            }
        }
        for (PersistentProperty r : entity.relationships()) {
            if (r.relationship().hasProperties()) {
                for (PersistentProperty p : r.relationship().properties().properties()) {
                    if (p.kind() != PersistentProperty.Kind.MAP) {
                        names.add(p.graphName());
                    }
                }
            }
        }
        if (!names.isEmpty()) {
            // an unlabelled node: no constraint can refuse it (a refused statement would roll back
            // the very names it registers)
            StringBuilder cypher = new StringBuilder("CREATE (n {");
            int i = 0;
            for (String name : names) {
                cypher.append(i++ == 0 ? "" : ", ").append(Identifiers.quote(name)).append(": 0");
            }
            graph.write(cypher.append("}) DELETE n").toString(), Map.of());
        }
        if (graph.createCountsEveryLabel() == null) {
            probeLabelCounting(entity);
        }
    }

    /**
     * Learns, once per mapper, how the server counts "labels added"
     * ({@link GraphAccess#createCountsEveryLabel()}): two nodes of the entity's label are created
     * and deleted in one statement. They carry a fresh value for every property the entity maps,
     * so constraints on them are met; a constraint on a property the entity does not map (made
     * by a migration, say) can still refuse them, and then the mapper stops reading re-creation
     * from statistics (the constraint guards and missing-graph replies still reveal it), never
     * failing for it.
     */
    private void probeLabelCounting(EntityMetadata entity) {
        Set<String> mapped = new LinkedHashSet<>();
        if (entity.id() != null) {
            mapped.add(entity.id().graphName());
        }
        for (PersistentProperty p : entity.properties()) {
            if (p.kind() != PersistentProperty.Kind.MAP) {
                mapped.add(p.graphName());
            }
        }
        Map<String, Object> params = new java.util.HashMap<>();
        String label = Identifiers.quote(entity.labels().get(0));
        StringBuilder cypher = new StringBuilder("CREATE ");
        for (String node : List.of("a", "b")) {
            cypher.append(node.equals("a") ? "" : ", ").append('(').append(node).append(':').append(label);
            int i = 0;
            for (String name : mapped) {
                String param = node + i;
                params.put(param, "falkor-orm-probe-" + java.util.UUID.randomUUID());
                cypher.append(i++ == 0 ? " {" : ", ").append(Identifiers.quote(name)).append(": $").append(param);
            }
            cypher.append(mapped.isEmpty() ? ")" : "})");
        }
        try {
            graph.learnLabelCounting(graph.write(cypher.append(" DELETE a, b").toString(), params)
                    .statistics().labelsAdded());
        } catch (RuntimeException e) {
            graph.labelCountingUnknown(e);
        }
    }

}
