package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.write.StatementComposer;
import dev.falkor.orm.core.internal.write.WritePlan;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.BooleanValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of the mapper: a {@link WritePlan}, composed to statements, run as
 * steps. Before the first statement it re-ensures the schema if it may have vanished; a
 * guarded statement that finds its unique constraints missing (the graph was re-created)
 * wrote nothing, so the schema is ensured and that statement retried once. A unique
 * constraint violation is reported naming the entity and its unique properties.
 */
public final class Writes {
    private static final Logger LOG = LoggerFactory.getLogger(Writes.class);

    private final GraphAccess graph;
    private final SchemaManager schema;
    private final StatementComposer composer;

    public Writes(GraphAccess graph, SchemaManager schema, int batchSize, boolean guarded) {
        this.graph = graph;
        this.schema = schema;
        this.composer = new StatementComposer(batchSize, guarded);
    }

    /** The steps that apply {@code plan}; nothing is sent until they run. */
    public Step<Void> apply(WritePlan plan) {
        if (graph.takeSchemaStale()) {
            schema.reensure();
        }
        List<StatementComposer.Statement> statements = composer.compose(plan);
        Step<Void> step = Step.done(null);
        for (int i = statements.size() - 1; i >= 0; i--) {
            Step<Void> rest = step;
            StatementComposer.Statement s = statements.get(i);
            step = run(plan, s, true).flatMap(ignored -> rest);
        }
        return step;
    }

    private Step<Void> run(WritePlan plan, StatementComposer.Statement s, boolean firstTry) {
        GraphQuery query = graph.writeQuery(s.cypher(), s.parameters());
        Step.Run<Void> run = new Step.Run<>(query, true, r -> {
            if (!s.guarded() || ok(r)) {
                if (s.labelsBeyondSet(r.statistics().labelsAdded(), r.statistics().nodesCreated())) {
                    // a label new to the graph, although the mapper's indexes had registered it: the
                    // graph was deleted or re-created (by anyone, or a restart); this write is done,
                    // bring its indexes and constraints back before the next
                    LOG.info("Graph {} was re-created since its schema was ensured; creating indexes and "
                            + "constraints again", graph.graph());
                    schema.afterRecreation(s.entities());
                }
                return Step.done(null);
            }
            if (!firstTry) {
                throw new ConfigurationException("The unique constraints of " + entityNames(plan) + " in graph '"
                        + graph.graph() + "' are not operational even after creating them again; nothing was written");
            }
            LOG.info("Graph {} lost the constraints of {} (deleted or restarted); creating them again",
                    graph.graph(), entityNames(plan));
            schema.reensure();
            for (WritePlan.Part p : plan.parts()) {
                schema.ensure(p.entity());
            }
            return run(plan, s, false);
        }, e -> {
            throw e;
        });
        return run.recoverWith(e -> {
            throw e instanceof ConstraintViolationException cv ? violation(plan, cv) : e;
        });
    }

    private static boolean ok(QueryResult r) {
        return !r.isEmpty() && r.scalar() instanceof BooleanValue b && b.value();
    }

    private static List<String> entityNames(WritePlan plan) {
        Set<String> names = new LinkedHashSet<>();
        for (WritePlan.Part p : plan.parts()) {
            names.add(p.entity().type().getName());
        }
        return new ArrayList<>(names);
    }

    private static ConstraintViolationException violation(WritePlan plan, ConstraintViolationException e) {
        List<String> unique = new ArrayList<>();
        Set<String> entities = new LinkedHashSet<>();
        for (WritePlan.Part p : plan.parts()) {
            EntityMetadata entity = p.entity();
            for (PersistentProperty u : StatementComposer.uniqueProperties(entity)) {
                if (entities.add(entity.type().getName() + "." + u.javaName())) {
                    unique.add(entity.type().getName() + "." + u.javaName());
                }
            }
        }
        String what = unique.size() == 1 ? "unique property " + unique.get(0) : "one of the unique properties " + unique;
        return new ConstraintViolationException("Cannot save: another node already has the same value of " + what
                + "; nothing of this statement was stored", e.graph(), e.query(), e.parameterNames(), e);
    }
}
