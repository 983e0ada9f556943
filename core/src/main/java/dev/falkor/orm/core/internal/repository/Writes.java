package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.OptimisticLockException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.NodeShape;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteCypher;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.batch.WriteStatement;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.GraphValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of the mapper: a {@link WriteBatch}, turned into statements by the
 * {@link BatchWriter} the mapper was built with, run as steps. Before the first statement it
 * re-ensures the schema if it may have vanished; a guarded statement that finds its unique
 * constraints missing (the graph was re-created) wrote nothing, so the schema is ensured and
 * that statement retried once. A unique constraint violation is reported naming the entity and
 * its unique properties.
 */
public final class Writes {
    private static final Logger LOG = LoggerFactory.getLogger(Writes.class);

    private final GraphAccess graph;
    private final SchemaManager schema;
    private final BatchWriter writer;
    private final MappingContext mapping;
    private final boolean guarded;

    public Writes(GraphAccess graph, SchemaManager schema, BatchWriter writer, MappingContext mapping, boolean guarded) {
        this.graph = graph;
        this.schema = schema;
        this.writer = writer;
        this.mapping = mapping;
        this.guarded = guarded;
    }

    /** A batch of these operations, guarded as this mapper's schema mode requires. */
    public WriteBatch batch(List<WriteOperation> operations) {
        return new WriteBatch(operations, guarded);
    }

    /** A batch of these operations, guarded as this mapper's schema mode requires. */
    public WriteBatch batch(WriteOperation... operations) {
        return new WriteBatch(List.of(operations), guarded);
    }

    /** The steps that apply {@code batch}; nothing is sent until they run. */
    public Step<Void> apply(WriteBatch batch) {
        return apply(batch, count -> { });
    }

    /** As {@link #apply(WriteBatch)}, telling {@code statementCount} how many statements the batch became. */
    public Step<Void> apply(WriteBatch batch, java.util.function.IntConsumer statementCount) {
        if (graph.takeSchemaStale()) {
            schema.reensure();
        }
        List<WriteStatement> statements = writer.statements(batch);
        statementCount.accept(statements.size());
        java.util.Set<String> regions = dev.falkor.orm.core.internal.cache.CachePolicy.writeRegions(batch);
        Step<Void> step = Step.done(null);
        for (int i = statements.size() - 1; i >= 0; i--) {
            Step<Void> rest = step;
            WriteStatement s = statements.get(i);
            step = run(batch, s, true, regions).flatMap(ignored -> rest);
        }
        return step.map(ignored -> {
            deleted(batch); // after the last statement
            return null;
        });
    }

    /**
     * Whether this server's "labels added" counts every created node's labels, so that it says
     * nothing about re-creation; learnt once, from the name registration of the statement's
     * first entity if the schema mode has not done it yet.
     */
    private boolean createCountsEveryLabel(WriteStatement s) {
        Boolean known = graph.createCountsEveryLabel();
        if (known == null && !s.nodes().isEmpty()) {
            EntityMetadata e = entity(s.nodes().get(0));
            if (e != null) {
                try {
                    schema.registerPropertyNames(e); // learns the rule
                } catch (RuntimeException failure) {
                    // this write is done and stored: its report must not turn into a failure
                    graph.labelCountingUnknown(failure);
                }
                known = graph.createCountsEveryLabel();
            }
        }
        return known != null && known;
    }

    private Step<Void> run(WriteBatch batch, WriteStatement s, boolean firstTry, java.util.Set<String> regions) {
        // the labels and types it changes: the result cache invalidates exactly those
        GraphQuery query = graph.writeQuery(s.cypher(), s.parameters()).withRegions(regions);
        Step.Run<Void> run = new Step.Run<>(query, true, r -> {
            if (!s.guarded() || ok(r)) {
                if (s.labelsBeyondSet(r.statistics().labelsAdded(), r.statistics().nodesCreated())
                        && !createCountsEveryLabel(s)) {
                    // a label new to the graph, although the mapper's indexes had registered it: the
                    // graph was deleted or re-created (by anyone, or a restart); this write is done,
                    // bring its indexes and constraints back before the next
                    LOG.info("Graph {} was re-created since its schema was ensured; creating indexes and "
                            + "constraints again", graph.graph());
                    schema.afterRecreation(entities(s.nodes()));
                }
                return Step.done(null);
            }
            // the guards stopped every write of the statement: it can be repeated once the schema is back
            if (!firstTry) {
                throw new ConfigurationException("The unique constraints of " + entityNames(batch) + " in graph '"
                        + graph.graph() + "' are not operational even after creating them again; nothing was written");
            }
            LOG.info("Graph {} lost the constraints of {} (deleted or restarted); creating them again",
                    graph.graph(), entityNames(batch));
            schema.reensure();
            for (WriteOperation op : batch.operations()) {
                EntityMetadata entity = entity(op.node());
                if (entity != null) {
                    schema.ensure(entity);
                }
            }
            return run(batch, s, false, regions);
        }, e -> {
            throw e;
        });
        return run.recoverWith(e -> {
            if (e instanceof ConstraintViolationException cv) {
                throw violation(batch, cv);
            }
            if (s.checksVersions() && e instanceof QueryException && WriteCypher.isVersionConflict(e.getMessage())) {
                return conflict(batch, batch.checks(), 0, e);
            }
            throw e;
        });
    }

    /**
     * The version conflict that stopped a statement, named: reads the stored versions of the
     * checked nodes (after the failure, so a node changed meanwhile may be named instead of the
     * one that failed; either was stale) and reports the first that differs.
     */
    private Step<Void> conflict(WriteBatch batch, List<WriteOperation.CheckVersions> checks, int index,
                                RuntimeException cause) {
        if (index >= checks.size()) {
            throw new OptimisticLockException("Cannot write " + entityNames(batch) + ": a node was changed or deleted "
                    + "since it was read (its version no longer matches); nothing of this statement was written",
                    entityNames(batch).get(0), null);
        }
        WriteOperation.CheckVersions c = checks.get(index);
        NodeShape shape = c.node();
        String cypher = "UNWIND $v AS v OPTIONAL MATCH (n:" + WriteCypher.quote(shape.idLabel()) + " {"
                + WriteCypher.quote(shape.idProperty()) + ": v.id}) RETURN v.id, v.version, n IS NOT NULL, n."
                + WriteCypher.quote(shape.versionProperty());
        return Step.then(graph.readQuery(cypher, Map.of("v", c.rows())), true, r -> {
            for (List<GraphValue> row : r.rows()) {
                Object id = row.get(0).asJava();
                Object expected = row.get(1).asJava();
                boolean exists = Boolean.TRUE.equals(row.get(2).asJava());
                Object stored = row.get(3).asJava();
                if (!java.util.Objects.equals(expected, stored)) {
                    EntityMetadata entity = entity(shape);
                    String name = entity != null ? entity.type().getName() : shape.toString();
                    String what = !exists && expected != null ? "was deleted"
                            : expected == null ? "already exists with version " + stored
                            : "has version " + stored + ", not " + expected;
                    throw new OptimisticLockException("Cannot write " + name + " with id " + id + ": the stored node "
                            + what + " (changed by another writer since it was read); nothing of this statement was "
                            + "written", name, id);
                }
            }
            return conflict(batch, checks, index + 1, cause);
        });
    }

    private static boolean ok(QueryResult r) {
        return !r.isEmpty() && r.scalar() instanceof BooleanValue b && b.value();
    }

    /** After a batch: a unit of work open on the thread stops managing the nodes it deleted. */
    private void deleted(WriteBatch batch) {
        for (WriteOperation op : batch.operations()) {
            if (op instanceof WriteOperation.DeleteNodes d && !d.ids().isEmpty()) {
                EntityMetadata e = entity(d.node());
                if (e != null) {
                    e.lifecycle().deleted(e.idLabel(), d.ids());
                }
            }
        }
    }

    /** The mapped entity whose shape this is (null for shapes the mapping did not make). */
    private EntityMetadata entity(NodeShape shape) {
        for (EntityMetadata e : mapping.entities()) {
            if (!e.isRelationshipProperties() && e.shape() == shape) {
                return e;
            }
        }
        return null;
    }

    private List<EntityMetadata> entities(List<NodeShape> shapes) {
        List<EntityMetadata> out = new ArrayList<>();
        for (NodeShape s : shapes) {
            EntityMetadata e = entity(s);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private List<String> entityNames(WriteBatch batch) {
        Set<String> names = new LinkedHashSet<>();
        for (WriteOperation op : batch.operations()) {
            EntityMetadata e = entity(op.node());
            names.add(e != null ? e.type().getName() : op.node().toString());
        }
        return new ArrayList<>(names);
    }

    private ConstraintViolationException violation(WriteBatch batch, ConstraintViolationException e) {
        // "mandatory constraint violation: node with label L missing property p"
        java.util.regex.Matcher mandatory = java.util.regex.Pattern.compile(
                "mandatory constraint violation: (node|edge|relationship) with (?:label|type|relationship type) (\\S+) "
                        + "missing property (\\S+)").matcher(String.valueOf(e.getMessage()));
        if (mandatory.find()) {
            String label = mandatory.group(2);
            String property = mandatory.group(3);
            String named = label + "." + property;
            for (WriteOperation op : batch.operations()) {
                EntityMetadata entity = entity(op.node());
                if (entity != null && entity.labels().contains(label)) {
                    for (PersistentProperty p : entity.properties()) {
                        if (p.graphName().equals(property)) {
                            named = entity.type().getName() + "." + p.javaName();
                        }
                    }
                }
            }
            return new ConstraintViolationException("Cannot save: mandatory property " + named + " is missing (null); "
                    + "nothing of this statement was stored", e.graph(), e.query(), e.parameterNames(), e);
        }
        List<String> unique = new ArrayList<>();
        for (WriteOperation op : batch.operations()) {
            EntityMetadata entity = entity(op.node());
            if (entity == null) {
                continue;
            }
            for (PersistentProperty u : entity.uniqueProperties()) {
                String name = entity.type().getName() + "." + u.javaName();
                if (!unique.contains(name)) {
                    unique.add(name);
                }
            }
        }
        String what = unique.size() == 1 ? "unique property " + unique.get(0) : "one of the unique properties " + unique;
        return new ConstraintViolationException("Cannot save: another node already has the same value of " + what
                + "; nothing of this statement was stored", e.graph(), e.query(), e.parameterNames(), e);
    }
}
