package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.RelationshipInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lazy relationships of the entities one call read. Loading one field loads it for every
 * entity of the call that has not loaded it yet, in one query by id list, so touching the
 * friends of 100 people read together costs one query, not 100.
 */
final class Batch implements Lazy.Loader {
    /** A lazy container and the entity that holds it. */
    /**
     * A lazy container and the entity that holds it. The entity is held weakly: a batch lives as
     * long as any container of the read, and must not keep the other entities of the read alive.
     */
    private record Entry(PersistentProperty field, java.lang.ref.WeakReference<Object> ownerRef, Object graphId) {
        Object owner() {
            return ownerRef.get();
        }
    }

    private record Pending(Lazy lazy, Entry entry) {
    }

    private final Relations relations;
    private final Map<Lazy, Entry> entries = new IdentityHashMap<>();
    private final Map<Lazy, PersistentProperty> fields = new IdentityHashMap<>();

    Batch(Relations relations) {
        this.relations = relations;
    }

    /** A new unloaded container for {@code field}, part of this batch. */
    synchronized Lazy lazy(PersistentProperty field, String what) {
        RelationshipInfo rel = field.relationship();
        Lazy lazy = switch (rel.container()) {
            case REF -> new LazyRef<>(this, what);
            case SET -> new LazySet<>(this, what);
            default -> new LazyList<>(this, what);
        };
        fields.put(lazy, field);
        return lazy;
    }

    /** Binds a container to the entity built around it. */
    synchronized void owner(Lazy lazy, Object owner, Object graphId) {
        entries.put(lazy, new Entry(fields.remove(lazy), new java.lang.ref.WeakReference<>(owner), graphId));
    }

    @Override
    public synchronized void load(Lazy lazy) {
        if (lazy.isLoaded()) {
            return;
        }
        Entry entry = entries.get(lazy);
        if (entry == null) {
            throw new dev.falkor.orm.api.LazyLoadingException("A lazy relationship was used before its entity was "
                    + "built (in a constructor?)", null);
        }
        relations.checkOpen(entry.field(), entry.graphId());

        List<Object> ids = new ArrayList<>();
        // copies: the entries of an IdentityHashMap are views that change when the map does
        Map<Object, List<Pending>> byId = new HashMap<>();
        // forget containers already filled (elsewhere) and those whose entity was collected
        entries.entrySet().removeIf(e -> e.getKey() != lazy && (e.getKey().isLoaded() || e.getValue().owner() == null));
        for (Map.Entry<Lazy, Entry> e : entries.entrySet()) {
            if (e.getValue().field() == entry.field()) {
                List<Pending> same = byId.computeIfAbsent(e.getValue().graphId(), k -> new ArrayList<>());
                if (same.isEmpty()) {
                    ids.add(e.getValue().graphId());
                }
                same.add(new Pending(e.getKey(), e.getValue()));
            }
        }
        Map<Object, List<Object>> loaded = relations.loadBatch(entry.field(), ids);
        for (Map.Entry<Object, List<Pending>> e : byId.entrySet()) {
            List<Object> elements = loaded.getOrDefault(e.getKey(), List.of());
            for (Pending p : e.getValue()) {
                p.lazy().fill(elements);
                Object owner = p.entry().owner();
                if (owner != null) {
                    relations.tracking().relationship(owner, entry.field(),
                            relations.edges(entry.field().relationship(), elements));
                }
                entries.remove(p.lazy());
            }
        }
    }
}
