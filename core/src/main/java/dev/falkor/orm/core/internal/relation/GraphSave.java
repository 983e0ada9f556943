package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.EntityValues;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.RelationshipInfo;
import dev.falkor.orm.core.internal.repository.Writes;
import dev.falkor.orm.spi.batch.EdgeShape;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.wire.ParameterEncoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A save of entities with relationships: one {@link WriteBatch} for the entities given, the
 * related entities their relationships cascade to (each object once, so cycles end), and the
 * relationships that changed, diffed against what the mapper knows to be stored
 * ({@link Tracking}):
 *
 * <ul>
 *   <li>A relationship field that was never loaded (a lazy list, set or ref not touched) is not
 *       looked at.</li>
 *   <li>A field the mapper loaded or saved for this instance is diffed: relationships to nodes no
 *       longer in it are deleted, to new ones created, and with changed properties updated in
 *       place; an unchanged field writes nothing. A to-one set to {@code null} (or a to-many set
 *       to {@code null}) removes its relationships.</li>
 *   <li>A field of an instance the mapper never loaded or saved (built by the caller: detached)
 *       is taken as the whole truth when it is not {@code null}: relationships of the field to
 *       other nodes of the target type are deleted, the listed ones merged. {@code null} leaves
 *       the stored relationships alone ({@code Ref.empty()} or an empty collection removes them).</li>
 *   <li>Related entities are saved when the relationship cascades saves and they are new or
 *       changed since they were read; a related entity that is not cascaded to must have its id.</li>
 * </ul>
 *
 * All of it is one statement up to the batch size: nodes first, then removed, then new
 * relationships. Only after the statement succeeded does the mapper record the new stored
 * state and bring inverse fields in memory in line.
 */
public final class GraphSave {
    /** How entities of one type become upsert rows (the entity's operations provide it). */
    public interface EntityRows {
        EntityMetadata metadata();

        /** The entity with its id assigned (a new instance for records with a generated id). */
        Object assignId(Object entity);

        /** {@code {id, props}}, converted and checked. */
        Map<String, Object> row(Object withId);

        /** Reads needed before upserting these rows. */
        Step<Void> beforeUpsert(List<Map<String, Object>> rows);

        /** For a versioned entity: puts its next version into {@code row}, returns its check row (else null). */
        Map<String, Object> nextVersion(Object withId, Map<String, Object> row);

        /** After the save: {@code e} carrying its next version (the same instance, or a new record). */
        Object withNextVersion(Object e);

        /** New to the graph: its id was just generated, or its version is 0. */
        boolean isNew(Object withId, boolean fresh);
    }

    private final Relations relations;
    private final Function<Class<?>, EntityRows> types;
    private final Writes writes;

    public GraphSave(Relations relations, Function<Class<?>, EntityRows> types, Writes writes) {
        this.relations = relations;
        this.types = types;
        this.writes = writes;
    }

    /** The metadata of an entity class (the concrete class of an instance). */
    public EntityMetadata metadataOf(Class<?> type) {
        return types.apply(type).metadata();
    }

    /** The steps saving {@code entities} (checked and converted now) and everything they cascade to. */
    public <T> Step<List<T>> saveStep(EntityMetadata declared, Iterable<? extends T> entities) {
        Prepared<T> p = prepare(declared, entities);
        return p.before().flatMap(ignored -> writes.apply(writes.batch(p.operations()))).map(ignored -> p.after().get());
    }

    /**
     * A save taken apart, for a unit of work that adds operations of its own to the same batch:
     * the reads needed first, the write operations, and what to do once they are written (record
     * the stored state, move versions, run post-callbacks), returning the saved instances.
     */
    public record Prepared<T>(Step<Void> before, List<WriteOperation> operations,
                              java.util.function.Supplier<List<T>> after) {
    }

    /** Converts and checks {@code entities} and everything they cascade to, writing nothing. */
    public <T> Prepared<T> prepare(EntityMetadata declared, Iterable<? extends T> entities) {
        return prepare(declared, entities, java.util.Set.of());
    }

    /**
     * As {@link #prepare(EntityMetadata, Iterable)}, with instances known to be new although they
     * may carry an id (one a failed attempt generated): their persist callbacks run.
     */
    @SuppressWarnings("unchecked")
    public <T> Prepared<T> prepare(EntityMetadata declared, Iterable<? extends T> entities, java.util.Set<Object> knownNew) {
        Call call = new Call();
        call.knownNew = knownNew;
        List<T> saved = new ArrayList<>();
        for (T e : entities) {
            if (e == null) {
                throw new InvalidEntityException("Cannot save null as " + declared.type().getName());
            }
            saved.add((T) call.visit(e, true));
        }
        List<WriteOperation> operations = call.plan();
        Step<Void> before = Step.done(null);
        for (Map.Entry<EntityRows, Map<Object, Map<String, Object>>> u : call.upserts.entrySet()) {
            Step<Void> previous = before;
            List<Map<String, Object>> rows = new ArrayList<>(u.getValue().values());
            before = previous.flatMap(ignored -> u.getKey().beforeUpsert(rows));
        }
        return new Prepared<>(before, operations, () -> {
            call.records.forEach(Runnable::run);
            call.syncs.forEach(Runnable::run);
            Map<Object, Object> done = new IdentityHashMap<>(4);
            call.bumped.forEach((e, rows) -> done.put(e, rows.withNextVersion(e))); // each instance moves once
            List<T> out = new ArrayList<>(saved.size());
            for (T e : saved) {
                EntityRows rows = types.apply(e.getClass());
                // an instance given twice moves to its next version once
                out.add(rows.metadata().version() == null ? e : (T) done.computeIfAbsent(e, rows::withNextVersion));
            }
            for (Object[] p : call.posts) {
                EntityMetadata meta = (EntityMetadata) p[0];
                meta.lifecycle().afterSave(meta, done.getOrDefault(p[1], p[1]), (Boolean) p[2]);
            }
            for (Object e : call.writtenInstances) {
                Object current = done.getOrDefault(e, e);
                EntityMetadata meta = types.apply(current.getClass()).metadata();
                meta.lifecycle().saved(meta, current); // what it holds is stored now
            }
            return out;
        });
    }

    /**
     * Sets the relationship fields of {@code entity} back to the related objects known to be
     * stored (a session's rollback). Fields never loaded, fields with relationship properties,
     * fields whose related objects the application no longer holds, and read-only fields are
     * left as they are.
     */
    public void restoreRelationships(EntityMetadata meta, Object entity) {
        // what is stored, captured before any container (which carries it) is replaced
        Map<PersistentProperty, Map<Object, Tracking.Edge>> stored = new java.util.LinkedHashMap<>();
        Tracking.State state = relations.tracking().get(entity);
        Map<String, Object> node = state == null ? null : state.node();
        for (PersistentProperty f : meta.relationships()) {
            Map<Object, Tracking.Edge> before = relations.tracking().relationship(entity, f);
            if (before != null) {
                stored.put(f, before);
            }
        }
        for (PersistentProperty f : meta.relationships()) {
            RelationshipInfo rel = f.relationship();
            Object value = f.accessor().get(entity);
            if (rel.hasProperties() || !f.accessor().writable() || (value instanceof Lazy lazy && !lazy.isLoaded())) {
                continue;
            }
            Map<Object, Tracking.Edge> before = stored.get(f);
            if (before == null) {
                continue;
            }
            List<Object> targets = new ArrayList<>();
            for (Tracking.Edge e : before.values()) {
                Object t = e.target();
                if (t == null) {
                    targets = null;
                    break;
                }
                targets.add(t);
            }
            if (targets != null) {
                f.accessor().set(entity, Relations.container(rel, targets));
            } else if (rel.container() != RelationshipInfo.Container.ONE && meta.id() != null) {
                // a related object that nothing else held was collected: the field reads the
                // graph again on its next use (a list or set; a to-one keeps its value)
                Lazy lazy = new Batch(relations).lazy(meta, f, meta.id().toGraph(meta.idOf(entity)));
                lazy.slot().owner(entity);
                f.accessor().set(entity, lazy);
                stored.remove(f);
            }
        }
        // the stored state again, for every field and the node (the new containers carried none)
        stored.forEach((f, before) -> relations.tracking().relationship(entity, f, before));
        if (node != null) {
            relations.tracking().node(entity, node);
        }
    }

    /**
     * True if a relationship field of {@code entity} differs from what is known to be stored:
     * other related nodes, other relationship properties, or a value given to a field never loaded.
     * A lazy container never loaded is unchanged.
     */
    public boolean relationshipsChanged(EntityMetadata meta, Object entity) {
        for (PersistentProperty f : meta.relationships()) {
            Object value = f.accessor().get(entity);
            if (value instanceof Lazy lazy && !lazy.isLoaded()) {
                continue;
            }
            Map<Object, Tracking.Edge> before = relations.tracking().relationship(entity, f);
            if (before == null) {
                if (value != null) {
                    return true;
                }
                continue;
            }
            RelationshipInfo rel = f.relationship();
            Map<Object, Map<String, Object>> now = new java.util.HashMap<>();
            for (Object element : elements(value, rel)) {
                if (element == null) {
                    continue;
                }
                Object target = rel.hasProperties() ? rel.properties().targetNode().accessor().get(element) : element;
                if (target == null) {
                    return true;
                }
                EntityRows rows = types.apply(target.getClass());
                Object id = rows.metadata().idOf(target);
                if (id == null) {
                    return true; // a new node
                }
                Object gid = rows.metadata().id().toGraph(id);
                Map<String, Object> props;
                try {
                    props = rel.hasProperties() ? EntityValues.toGraph(rel.properties(), element, true) : null;
                } catch (IllegalArgumentException bad) {
                    return true; // the save reports it
                }
                now.put(gid, props);
            }
            if (!now.keySet().equals(before.keySet())) {
                return true;
            }
            if (rel.hasProperties()) {
                for (Map.Entry<Object, Map<String, Object>> e : now.entrySet()) {
                    if (!java.util.Objects.equals(e.getValue(), before.get(e.getKey()).props())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The state of one save call. */
    private final class Call {
        final Map<Object, Object> visited = new IdentityHashMap<>(8); // grows with saveAll; a save visits few
        final Map<EntityRows, Map<Object, Map<String, Object>>> upserts = new LinkedHashMap<>();
        final Map<List<Object>, List<Map<String, Object>>> removals = new LinkedHashMap<>();
        final Map<List<Object>, List<Map<String, Object>>> merges = new LinkedHashMap<>();
        final Map<List<Object>, WriteOperation.Edges> parts = new LinkedHashMap<>();
        final Map<List<Object>, Map<String, Object>> edgeRows = new java.util.HashMap<>();
        final java.util.Set<List<Object>> rootNodes = new java.util.HashSet<>();
        final java.util.Set<List<Object>> generated = new java.util.HashSet<>();
        final List<Runnable> records = new ArrayList<>();
        /** The version checks of the nodes written, per entity, by graph id. */
        final Map<EntityMetadata, Map<Object, Map<String, Object>>> checks = new LinkedHashMap<>();
        /** Instances new to the graph whatever their id says. */
        java.util.Set<Object> knownNew = java.util.Set.of();
        /** The instances whose rows this call writes. */
        final List<Object> writtenInstances = new ArrayList<>();
        /** The instance whose row writes each node. */
        final Map<List<Object>, Object> rowOwners = new java.util.HashMap<>();
        /** The post-save events to fire: {meta, instance, isNew}. */
        final List<Object[]> posts = new ArrayList<>();
        /** Versioned instances reached through relationships and written: they move to their next version. */
        final Map<Object, EntityRows> bumped = new IdentityHashMap<>(2);
        final List<Runnable> syncs = new ArrayList<>();

        /** Saves {@code e} once per call; returns the instance saved (with its id). */
        Object visit(Object e, boolean root) {
            Object done = visited.get(e);
            if (done != null) {
                return done;
            }
            EntityRows rows = types.apply(e.getClass());
            EntityMetadata meta = rows.metadata();
            boolean fresh = meta.idOf(e) == null;
            Object withId = rows.assignId(e);
            if (withId != e && !root) {
                throw new InvalidEntityException("Cannot save " + meta.type().getName() + " reached through a "
                        + "relationship: it is a record without an id, and a generated id would need a new instance "
                        + "the relationship does not hold; assign the id, or save it first");
            }
            visited.put(e, withId);
            Map<String, Object> row = rows.row(withId);
            Object gid = row.get(meta.id().graphName());
            Map<String, Object> props = row;
            // an instance that had no id was never saved nor read: nothing is known about it
            Tracking.State known = fresh ? null : relations.tracking().get(withId);
            Map<Object, Map<String, Object>> byId = upserts.computeIfAbsent(rows, k -> new LinkedHashMap<>());
            List<Object> node = List.of(meta.idLabel(), gid);
            boolean written = true;
            if (fresh) {
                generated.add(node); // generated for this call: the node cannot exist yet
            }
            if (root) {
                // an entity given to save wins over any other object for its node; given twice, the last wins
                Object other = rowOwners.get(node);
                if (meta.version() != null && other != null && other != withId) {
                    // two instances of one versioned node: saved one after the other, the second would conflict
                    throw new dev.falkor.orm.api.OptimisticLockException("Cannot save two different instances of "
                            + meta.type().getName() + " with id " + gid + " in one call: saved one after the other, "
                            + "the second would find the version the first stored; nothing was written",
                            meta.type().getName(), gid);
                }
                byId.remove(gid);
                byId.put(gid, row);
                rowOwners.put(node, withId);
                rootNodes.add(node);
            } else if (rootNodes.contains(node) || byId.containsKey(gid)) {
                written = false; // the node is written from the entity given, or the first object reaching it
            } else if (known == null || known.node() == null || !known.node().equals(props)) {
                byId.put(gid, row);
                rowOwners.put(node, withId);
            }
            if (byId.get(gid) == row && meta.lifecycle().onSave(meta)) {
                // written by this row: callbacks and auditing first, and the row again with their changes
                boolean isNew = rows.isNew(withId, fresh) || knownNew.contains(e);
                Object audited = meta.lifecycle().beforeSave(meta, withId, isNew);
                if (audited != withId) {
                    if (!root) {
                        throw new InvalidEntityException("Cannot save " + meta.type().getName() + " with id " + gid
                                + " reached through a relationship: its auditing fields cannot be set on the instance "
                                + "the relationship holds (a record); save it on its own");
                    }
                    visited.put(e, audited);
                    withId = audited;
                }
                row = rows.row(withId);
                props = row;
                byId.put(gid, row);
                posts.add(new Object[] {meta, withId, isNew});
            }
            if (byId.get(gid) == row) {
                writtenInstances.add(withId);
            }
            if (byId.get(gid) == row) {
                // written by this row: a versioned node checks its version and moves to the next
                Map<String, Object> check = rows.nextVersion(withId, row);
                if (check != null) {
                    if (!fresh) {
                        checks.computeIfAbsent(meta, k -> new LinkedHashMap<>()).put(gid, check);
                    }
                    if (!root) {
                        if (!meta.version().accessor().writable()) {
                            throw new InvalidEntityException("Cannot save " + meta.type().getName() + " with id " + gid
                                    + " reached through a relationship: its @Version field cannot be set on the "
                                    + "instance the relationship holds (a record); save it on its own");
                        }
                        bumped.put(withId, rows);
                    }
                }
            }
            if (written && !(root && fresh)) {
                // what was stored lets a later save skip this node when it is reached unchanged; a new
                // entity given to save is not recorded (one table entry per saved entity costs more
                // than the rare rewrite it would spare)
                Object instance = withId;
                Map<String, Object> stored = props;
                records.add(() -> relations.tracking().node(instance, stored));
            }
            for (PersistentProperty f : meta.relationships()) {
                relationship(meta, withId, gid, f, fresh);
            }
            return withId;
        }

        private void relationship(EntityMetadata meta, Object owner, Object gid, PersistentProperty f, boolean fresh) {
            Object value = f.accessor().get(owner);
            if (value instanceof Lazy lazy && !lazy.isLoaded()) {
                return; // never loaded: never touched
            }
            RelationshipInfo rel = f.relationship();
            Map<Object, Tracking.Edge> before = fresh ? null : relations.tracking().relationship(owner, f);
            if (value == null && before == null) {
                return; // detached and not given: left alone
            }
            Map<Object, Tracking.Edge> current = new LinkedHashMap<>();
            List<Object> targets = new ArrayList<>();
            for (Object element : elements(value, rel)) {
                if (element == null) {
                    continue;
                }
                Object target = rel.hasProperties() ? rel.properties().targetNode().accessor().get(element) : element;
                if (target == null) {
                    throw new InvalidEntityException("Cannot save " + f.describe() + " of " + meta.type().getSimpleName()
                            + " " + gid + ": a " + rel.elementClass().getSimpleName() + " in it has no target node");
                }
                Object savedTarget = rel.cascadesSave() ? visit(target, false) : target;
                EntityMetadata targetMeta = rel.target();
                Object targetId = targetMeta.idOf(savedTarget);
                if (targetId == null) {
                    throw new InvalidEntityException("Cannot save " + f.describe() + " of " + meta.type().getSimpleName()
                            + " " + gid + ": the related " + targetMeta.type().getSimpleName() + " has no id, and the "
                            + "relationship does not cascade saves; save it first");
                }
                Map<String, Object> edgeProps = rel.hasProperties() ? edgeProps(f, rel, element, gid) : Map.of();
                current.put(targetMeta.id().toGraph(targetId), new Tracking.Edge(savedTarget, edgeProps));
                targets.add(savedTarget); // held strongly until the save is done
            }
            List<Object> added = new ArrayList<>();
            List<Object> removed = new ArrayList<>();
            if (before != null) {
                for (Map.Entry<Object, Tracking.Edge> b : before.entrySet()) {
                    if (!current.containsKey(b.getKey())) {
                        edge(meta, f, WriteOperation.EdgeChange.DELETE, removals, Map.of("src", gid, "dst", b.getKey()));
                        Object gone = b.getValue().target();
                        if (gone != null) {
                            removed.add(gone);
                        }
                    }
                }
                for (Map.Entry<Object, Tracking.Edge> c : current.entrySet()) {
                    Tracking.Edge was = before.get(c.getKey());
                    if (was == null || (rel.hasProperties() && !was.props().equals(c.getValue().props()))) {
                        edge(meta, f, WriteOperation.EdgeChange.MERGE, merges, merge(gid, c));
                        if (was == null) {
                            added.add(c.getValue().target());
                        }
                    }
                }
            } else {
                if (!fresh) {
                    // a node whose id was generated in this call has no relationships to prune
                    edge(meta, f, WriteOperation.EdgeChange.PRUNE, removals,
                            Map.of("src", gid, "keep", new ArrayList<>(current.keySet())));
                }
                for (Map.Entry<Object, Tracking.Edge> c : current.entrySet()) {
                    edge(meta, f, WriteOperation.EdgeChange.MERGE, merges, merge(gid, c));
                    added.add(c.getValue().target());
                }
            }
            PersistentProperty inverse = rel.inverse();
            if (inverse != null && !inverse.relationship().isMany()) {
                // the other side holds one: an added target loses its other relationships of this kind
                for (Object target : added) {
                    Object targetGid = rel.target().id().toGraph(rel.target().idOf(target));
                    edge(rel.target(), inverse, WriteOperation.EdgeChange.PRUNE, removals,
                            Map.of("src", targetGid, "keep", List.of(gid)));
                }
            }
            records.add(() -> {
                relations.tracking().relationship(owner, f, current);
                targets.clear();
            });
            if (rel.inverse() != null && (!added.isEmpty() || !removed.isEmpty())) {
                syncs.add(() -> relations.syncInverse(rel, owner, gid, added, removed));
            }
        }

        private Map<String, Object> merge(Object gid, Map.Entry<Object, Tracking.Edge> c) {
            Map<String, Object> row = new LinkedHashMap<>(4);
            row.put("src", gid);
            row.put("dst", c.getKey());
            row.put("props", c.getValue().props());
            return row;
        }

        private Map<String, Object> edgeProps(PersistentProperty f, RelationshipInfo rel, Object element, Object gid) {
            Map<String, Object> props;
            try {
                props = EntityValues.toGraph(rel.properties(), element, true);
            } catch (IllegalArgumentException ex) {
                throw new InvalidEntityException("Cannot save " + f.describe() + " of " + gid + ": " + ex.getMessage(), ex);
            }
            for (Map.Entry<String, Object> p : props.entrySet()) {
                String[] problem = ParameterEncoder.check(p.getValue());
                if (problem != null) {
                    throw new InvalidEntityException("Cannot save " + f.describe() + " of " + gid
                            + ": relationship property '" + p.getKey() + problem[0] + "': " + problem[1]
                            + ". Nothing was written");
                }
            }
            return props;
        }

        private void edge(EntityMetadata meta, PersistentProperty f, WriteOperation.EdgeChange change,
                          Map<List<Object>, List<Map<String, Object>>> into, Map<String, Object> row) {
            List<Object> key = List.of(meta, f.javaName(), change);
            RelationshipInfo rel = f.relationship();
            if (change != WriteOperation.EdgeChange.PRUNE) {
                // rows of one UNWIND do not see each other's MERGEs: one row per edge (per pair, either
                // way round, for undirected relationships); the last properties win
                Object src = row.get("src");
                Object dst = row.get("dst");
                boolean reversed = rel.direction() == dev.falkor.orm.api.annotation.Relationship.Direction.UNDIRECTED
                        && String.valueOf(src).compareTo(String.valueOf(dst)) > 0;
                List<Object> pair = reversed ? List.of(key, dst, src) : List.of(key, src, dst);
                Map<String, Object> earlier = edgeRows.put(pair, row);
                if (earlier != null) {
                    into.get(key).remove(earlier);
                }
            }
            into.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            parts.computeIfAbsent(key, k -> new WriteOperation.Edges(change, new EdgeShape(rel.type(), rel.direction(),
                    meta.shape(), rel.target().shape(), rel.hasProperties()), List.of()));
        }

        List<WriteOperation> plan() {
            List<WriteOperation> out = new ArrayList<>();
            checks.forEach((meta, byGid) -> out.add(new WriteOperation.CheckVersions(meta.shape(),
                    new ArrayList<>(byGid.values()))));
            upserts.forEach((rows, byId) -> {
                java.util.Set<Object> fresh = new java.util.HashSet<>();
                for (Object gid : byId.keySet()) {
                    if (generated.contains(List.of(rows.metadata().idLabel(), gid))) {
                        fresh.add(gid);
                    }
                }
                out.addAll(dev.falkor.orm.core.internal.repository.EntityOperations.nodeOperations(rows.metadata(),
                        byId, fresh));
            });
            removals.forEach((key, rows) -> out.add(withRows(parts.get(key), rows)));
            merges.forEach((key, rows) -> out.add(withRows(parts.get(key), rows)));
            return out;
        }
    }

    private static WriteOperation.Edges withRows(WriteOperation.Edges e, List<Map<String, Object>> rows) {
        return new WriteOperation.Edges(e.change(), e.edge(), rows);
    }

    /** The elements a relationship field's value holds. */
    private static Collection<?> elements(Object value, RelationshipInfo rel) {
        if (value == null) {
            return List.of();
        }
        return switch (rel.container()) {
            case ONE -> List.of(value);
            case REF -> {
                Object t = ((Ref<?>) value).get();
                yield t == null ? List.of() : List.of(t);
            }
            default -> (Collection<?>) value;
        };
    }
}
