package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.core.SchemaMode;
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
        Set<String> labels = new LinkedHashSet<>(List.of(entity.idLabel(), entity.primaryLabel()));
        for (String label : labels) {
            ensureIndex(entity, label, entity.id().graphName());
        }
        for (PersistentProperty p : entity.uniqueProperties()) {
            if (!p.isId()) {
                ensureIndex(entity, entity.idLabel(), p.graphName());
            }
            ensureUnique(entity, entity.idLabel(), p);
        }
        if (mode == SchemaMode.CREATE) {
            registerPropertyNames(entity);
        }
        ensured.add(entity);
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

    private void ensureIndex(EntityMetadata entity, String label, String prop) {
        if (indexedLabels(prop).contains(label)) {
            return;
        }
        if (mode == SchemaMode.VALIDATE) {
            throw new ConfigurationException("Entity " + entity.type().getName() + " needs a range index on :"
                    + label + "(" + prop + ") in graph '" + graph.graph() + "', and there is none. Create it with "
                    + "CREATE INDEX FOR (n:" + label + ") ON (n." + prop + "), or use SchemaMode.CREATE");
        }
        try {
            graph.write("CREATE INDEX FOR (n:" + Identifiers.quote(label) + ") ON (n." + Identifiers.quote(prop) + ")",
                    Map.of());
            LOG.info("Created index on :{}({}) in graph {}", label, prop, graph.graph());
        } catch (QueryException e) {
            if (!String.valueOf(e.getMessage()).contains("already indexed")) {
                throw e;
            }
        }
    }

    private Set<String> indexedLabels(String property) {
        QueryResult r = graph.read("CALL db.indexes()", Map.of());
        if (r.isEmpty()) {
            return Set.of();
        }
        int label = r.indexOf("label");
        int props = r.indexOf("properties");
        int entityType = r.indexOf("entitytype");
        Set<String> out = new HashSet<>();
        for (List<GraphValue> row : r.rows()) {
            if (!new StringValue("NODE").equals(row.get(entityType))) {
                continue;
            }
            if (((ListValue) row.get(props)).values().contains(new StringValue(property))) {
                out.add(((StringValue) row.get(label)).value());
            }
        }
        return out;
    }

    /**
     * Makes the graph know every property name the entity writes (its node properties and those
     * of its relationships), with a node created and deleted in one statement. FalkorDB 4.x gives
     * a new property name its id while compiling a statement; when that statement then fails
     * (a unique violation, a version conflict), the id is rolled back but the server's cached plan
     * keeps it, and once another statement gives that id to another name, the cached plan writes
     * its values under the wrong name. Names the graph already has are never rolled back.
     */
    private void registerPropertyNames(EntityMetadata entity) {
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
        if (names.isEmpty()) {
            return;
        }
        StringBuilder cypher = new StringBuilder("CREATE (n {");
        int i = 0;
        for (String name : names) {
            cypher.append(i++ == 0 ? "" : ", ").append(Identifiers.quote(name)).append(": 0");
        }
        graph.write(cypher.append("}) DELETE n").toString(), Map.of());
    }

    private void ensureUnique(EntityMetadata entity, String label, PersistentProperty property) {
        String prop = property.graphName();
        String what = "the unique constraint on :" + label + "(" + prop + ") for " + entity.type().getName() + "."
                + property.javaName();
        String status = constraintStatus(label, prop);
        if (status == null) {
            if (mode == SchemaMode.VALIDATE) {
                throw new ConfigurationException("Graph '" + graph.graph() + "' lacks " + what);
            }
            try {
                graph.command("GRAPH.CONSTRAINT", "CREATE", graph.graph(), "UNIQUE", "NODE", label,
                        "PROPERTIES", "1", prop);
            } catch (QueryException e) {
                if (!String.valueOf(e.getMessage()).toLowerCase().contains("already exists")) {
                    throw e;
                }
            }
        }
        // Constraints are built asynchronously by the server: wait until it reports the outcome.
        long deadline = System.nanoTime() + CONSTRAINT_WAIT_NANOS;
        long pause = TimeUnit.MICROSECONDS.toNanos(200);
        while (true) {
            status = constraintStatus(label, prop);
            if ("OPERATIONAL".equals(status)) {
                return;
            }
            if ("FAILED".equals(status)) {
                throw new ConfigurationException("Could not build " + what + " in graph '" + graph.graph()
                        + "': stored nodes already share a value. Remove the duplicates and try again");
            }
            if (System.nanoTime() > deadline) {
                throw new ConfigurationException(what + " did not become operational within 30 s (status "
                        + status + ")");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private String constraintStatus(String label, String prop) {
        QueryResult r = graph.read("CALL db.constraints()", Map.of());
        if (r.isEmpty()) {
            return null;
        }
        int type = r.indexOf("type");
        int lab = r.indexOf("label");
        int props = r.indexOf("properties");
        int status = r.indexOf("status");
        for (List<GraphValue> row : r.rows()) {
            if (new StringValue("UNIQUE").equals(row.get(type)) && new StringValue(label).equals(row.get(lab))
                    && ((ListValue) row.get(props)).values().equals(List.of(new StringValue(prop)))) {
                return ((StringValue) row.get(status)).value();
            }
        }
        return null;
    }
}
