package dev.falkor.orm.core.internal.session;

import dev.falkor.orm.api.CommitException;
import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.api.Session;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.EntityValues;
import dev.falkor.orm.core.internal.mapping.Lifecycle;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.relation.GraphSave;
import dev.falkor.orm.core.internal.repository.EntityOperations;
import dev.falkor.orm.core.internal.repository.RepositoryFactory;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Session} implementation: an identity map of weakly held managed entities, each
 * with the snapshot of what is stored (the row a save would send: compared with {@code equals}
 * of the values, never with hashes) and a copy of its property values for {@link #rollback()}.
 * Reads on the bound thread go through {@link #canonical}, so every way of reading returns the
 * managed instance. A flush writes the changed entities, the persisted and the removed ones in
 * one batch through the mapper's write path.
 */
public final class UnitOfWork implements Session, Lifecycle.IdentityScope {
    private record Key(String label, Object graphId) {
    }

    /** A managed entity: held weakly, found by its node. */
    private static final class Managed extends WeakReference<Object> {
        final Key key;
        final EntityMetadata meta;
        Map<String, Object> snapshot;
        Object[] values;

        Managed(Object entity, Key key, EntityMetadata meta, ReferenceQueue<Object> queue) {
            super(entity, queue);
            this.key = key;
            this.meta = meta;
            take(entity);
        }

        void take(Object entity) {
            snapshot = EntityValues.snapshot(meta, entity);
            List<PersistentProperty> props = meta.properties();
            values = new Object[props.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = props.get(i).accessor().get(entity);
                values[i] = copy(v);
            }
        }

        private static Object copy(Object v) {
            if (v instanceof List<?> l) {
                return new ArrayList<>(l);
            }
            if (v instanceof java.util.Set<?> s) {
                return new java.util.LinkedHashSet<>(s);
            }
            if (v instanceof Map<?, ?> m) {
                return new LinkedHashMap<>(m);
            }
            if (v instanceof float[] f) {
                return f.clone();
            }
            return v;
        }
    }

    private final RepositoryFactory repositories;
    private final Lifecycle lifecycle;
    private final Thread owner = Thread.currentThread();
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Map<Key, Managed> managed = new HashMap<>();
    private final List<Object> persisted = new ArrayList<>();
    private final List<Object> removed = new ArrayList<>();
    private final java.util.Set<Object> fresh = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean open = true;

    public UnitOfWork(RepositoryFactory repositories, Lifecycle lifecycle) {
        this.repositories = repositories;
        this.lifecycle = lifecycle;
        if (lifecycle.scope() != null) { // (a closed one is dropped by scope())
            throw new IllegalStateException("A session is already open on this thread; close it first");
        }
        lifecycle.scope(this);
    }

    private void check() {
        if (!open) {
            throw new IllegalStateException("The session is closed");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("A session belongs to the thread that opened it");
        }
    }

    private void expunge() {
        for (Object ref; (ref = queue.poll()) != null; ) {
            Managed m = (Managed) ref;
            managed.remove(m.key, m);
        }
    }

    private static Key keyOf(EntityMetadata meta, Object entity) {
        Object id = meta.idOf(entity);
        return id == null ? null : new Key(meta.idLabel(), meta.id().toGraph(id));
    }

    private void manage(EntityMetadata meta, Object entity) {
        Key key = keyOf(meta, entity);
        if (key != null) {
            managed.put(key, new Managed(entity, key, meta, queue));
        }
    }

    @Override
    public Object canonical(EntityMetadata meta, Object read) {
        expunge();
        Key key = keyOf(meta, read);
        if (key == null) {
            return read;
        }
        Managed m = managed.get(key);
        Object existing = m == null ? null : m.get();
        if (existing != null) {
            return existing;
        }
        managed.put(key, new Managed(read, key, meta, queue));
        return read;
    }

    @Override
    public void saved(EntityMetadata meta, Object entity) {
        Key key = keyOf(meta, entity);
        if (key == null) {
            return;
        }
        Managed m = managed.get(key);
        Object current = m == null ? null : m.get();
        if (current == entity) {
            m.take(entity); // what it holds is stored now
        } else if (current == null) {
            managed.put(key, new Managed(entity, key, meta, queue));
        }
        // another instance of a managed node was saved: the managed one stays the session's object,
        // and the next flush writes it if it differs from what it was read as
    }

    @Override
    public Object managed(EntityMetadata meta, Object graphId) {
        expunge();
        Managed m = managed.get(new Key(meta.idLabel(), graphId));
        return m == null ? null : m.get();
    }

    @Override
    public void deleted(String idLabel, List<Object> graphIds) {
        for (Object id : graphIds) {
            managed.remove(new Key(idLabel, id));
        }
    }

    @Override
    public boolean active() {
        return open;
    }

    /** A record with {@code @Version} gets a new instance on every save, which a flush cannot hand back. */
    private static void refuseVersionedRecord(EntityMetadata meta) {
        if (meta.version() != null && !meta.version().accessor().writable()) {
            throw new IllegalStateException("A session cannot write " + meta.type().getName() + ": a record with "
                    + "@Version gets a new instance on every save, which a flush cannot hand back; save it with its "
                    + "repository, or make it a class. Nothing was written");
        }
    }

    private EntityMetadata metaOf(Object entity) {
        return repositories.mapping().entity(entity.getClass());
    }

    @Override
    public <T> Optional<T> find(Class<T> type, Object id) {
        check();
        Objects.requireNonNull(id, "id");
        EntityMetadata meta = repositories.mapping().entity(type);
        expunge();
        Managed m = managed.get(new Key(meta.idLabel(), meta.id().toGraph(id)));
        Object existing = m == null ? null : m.get();
        if (existing != null && type.isInstance(existing)) {
            return Optional.of(type.cast(existing));
        }
        return repositories.operations(type).findById(id).map(type::cast);
    }

    @Override
    public <T> T persist(T entity) {
        check();
        Objects.requireNonNull(entity, "entity");
        EntityMetadata meta = metaOf(entity); // fails now for a class that is not an entity
        refuseVersionedRecord(meta);
        Key key = keyOf(meta, entity);
        // persisting what was removed in this unit of work (the instance, or another for its node)
        // keeps the node: the removal is dropped
        removed.removeIf(r -> r == entity || (key != null && key.equals(keyOf(metaOf(r), r))));
        Managed m = key == null ? null : managed.get(key);
        if (m != null && m.get() != entity) {
            managed.remove(key); // the persisted instance takes the node over
        }
        if (persisted.stream().noneMatch(p -> p == entity)) {
            persisted.add(entity);
            if (key == null) {
                fresh.add(entity); // new: its persist callbacks run even if a failed flush gave it an id
            }
        }
        return entity;
    }

    @Override
    public void remove(Object entity) {
        check();
        Objects.requireNonNull(entity, "entity");
        EntityMetadata meta = metaOf(entity);
        persisted.removeIf(p -> p == entity);
        if (removed.stream().noneMatch(r -> r == entity)) {
            lifecycle.fire(meta, Lifecycle.Event.PRE_REMOVE, entity); // when it is removed, as JPA does
            removed.add(entity);
        }
    }

    @Override
    public boolean contains(Object entity) {
        check();
        expunge();
        Key key = keyOf(metaOf(entity), entity);
        Managed m = key == null ? null : managed.get(key);
        return m != null && m.get() == entity;
    }

    @Override
    public void detach(Object entity) {
        check();
        Key key = keyOf(metaOf(entity), entity);
        Managed m = key == null ? null : managed.get(key);
        if (m != null && m.get() == entity) {
            managed.remove(key);
        }
        persisted.removeIf(p -> p == entity);
        removed.removeIf(r -> r == entity);
    }

    @Override
    public void clear() {
        check();
        managed.clear();
        persisted.clear();
        removed.clear();
        fresh.clear();
    }

    /** True if {@code e} is managed and unchanged since it was read or written. */
    private boolean managedAndClean(Object e) {
        EntityMetadata meta = metaOf(e);
        Key key = keyOf(meta, e);
        Managed m = key == null ? null : managed.get(key);
        return m != null && m.get() == e && m.snapshot.equals(EntityValues.snapshot(meta, e))
                && !repositories.graphSave().relationshipsChanged(meta, e);
    }

    /** The managed entities whose properties or relationships differ from what is stored. */
    private List<Object> dirty() {
        expunge();
        GraphSave save = repositories.graphSave();
        List<Object> out = new ArrayList<>();
        Map<Object, Boolean> removing = new IdentityHashMap<>();
        removed.forEach(r -> removing.put(r, true));
        for (Managed m : managed.values()) {
            Object e = m.get();
            if (e == null || removing.containsKey(e)) {
                continue;
            }
            if (!m.snapshot.equals(EntityValues.snapshot(m.meta, e)) || save.relationshipsChanged(m.meta, e)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void flush() {
        check();
        List<Object> toSave = dirty();
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(toSave);
        for (Object p : persisted) {
            if (seen.contains(p) || managedAndClean(p)) {
                continue;
            }
            seen.add(p); // by identity: two equal records are two nodes
            toSave.add(p);
        }
        if (toSave.isEmpty() && removed.isEmpty()) {
            return; // nothing changed: nothing is sent
        }
        for (Object e : toSave) {
            refuseVersionedRecord(metaOf(e));
        }
        List<Object> removing = new ArrayList<>(removed);
        int[] statements = {0};
        List<Object> saved;
        try {
            saved = repositories.graph().run(flushStep(toSave, removing, statements));
        } catch (FalkorOrmException e) {
            throw new CommitException("The session's changes could not be written"
                    + (statements[0] > 1 ? " (" + statements[0] + " statements: the ones before the failing one "
                    + "may be applied)" : "; nothing was written") + ": " + e.getMessage(), statements[0] > 1, e);
        }
        for (Object s : saved) {
            saved(metaOf(s), s);
        }
        for (Object r : removing) {
            Key key = keyOf(metaOf(r), r);
            Managed m = key == null ? null : managed.get(key);
            if (m != null && m.get() == r) {
                managed.remove(key);
            }
            lifecycle.fire(metaOf(r), Lifecycle.Event.POST_REMOVE, r);
        }
        persisted.clear();
        removed.clear();
        fresh.clear();
    }

    /** The steps of a flush: callbacks and checks now (a failure there writes nothing), the write when run. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Step<List<Object>> flushStep(List<Object> toSave, List<Object> removing, int[] statements) {
        GraphSave.Prepared<Object> prepared = repositories.graphSave().prepare(
                toSave.isEmpty() ? metaOf(removing.get(0)) : metaOf(toSave.get(0)), toSave, fresh);
        // the deletes, by entity class (their cascades are read first)
        Map<Class<?>, List<Object>> byType = new LinkedHashMap<>();
        for (Object r : removing) {
            byType.computeIfAbsent(r.getClass(), k -> new ArrayList<>()).add(r);
        }
        Step<List<WriteOperation>> deletes = Step.done(new ArrayList<>());
        for (Map.Entry<Class<?>, List<Object>> e : byType.entrySet()) {
            EntityOperations ops = repositories.operations(e.getKey());
            Step<List<WriteOperation>> previous = deletes;
            deletes = previous.flatMap(done -> ((Step<List<WriteOperation>>) ops.deleteOperations(e.getValue()))
                    .map(more -> {
                        List<WriteOperation> all = new ArrayList<>(done);
                        all.addAll(more);
                        return all;
                    }));
        }
        Step<List<WriteOperation>> all = deletes;
        return prepared.before().flatMap(ignored -> all).flatMap(deleteOps -> {
            List<WriteOperation> ops = new ArrayList<>(prepared.operations());
            ops.addAll(deleteOps);
            WriteBatch batch = repositories.writes().batch(ops);
            return repositories.writes().apply(batch, count -> statements[0] = count)
                    .map(ignored -> prepared.after().get());
        });
    }

    @Override
    public void commit() {
        flush();
    }

    @Override
    public void rollback() {
        check();
        persisted.clear();
        removed.clear();
        fresh.clear();
        expunge();
        for (Managed m : managed.values()) {
            Object e = m.get();
            if (e == null) {
                continue;
            }
            List<PersistentProperty> props = m.meta.properties();
            for (int i = 0; i < props.size(); i++) {
                PersistentProperty p = props.get(i);
                if (p.accessor().writable()) {
                    p.accessor().set(e, Managed.copy(m.values[i]));
                }
            }
            repositories.graphSave().restoreRelationships(m.meta, e);
        }
    }

    /** Number of managed entities still referenced, for tests. */
    public int size() {
        expunge();
        return (int) managed.values().stream().filter(m -> m.get() != null).count();
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false; // a scope closed from another thread is dropped by its own thread's next read
        if (Thread.currentThread() == owner && lifecycle.scope() == this) {
            lifecycle.scope(null);
        }
        managed.clear();
    }
}
