package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lazy relationships of the entities one call read. Loading one field loads it for every
 * entity of the call that has not loaded it yet, in one query by id list, so touching the
 * friends of 100 people read together costs one query, not 100. Holds its containers, which
 * hold their entities weakly (see {@link Lazy.Slot}).
 */
final class Batch {
    private final Relations relations;
    /** Containers by field, held weakly: a container nobody holds will never be loaded. */
    private final Map<PersistentProperty, List<java.lang.ref.WeakReference<Lazy>>> byField = new HashMap<>(4);

    Batch(Relations relations) {
        this.relations = relations;
    }

    /** A new unloaded container for {@code field} of the entity with {@code graphId}, part of this batch. */
    synchronized Lazy lazy(EntityMetadata entity, PersistentProperty field, Object graphId) {
        Lazy.Slot slot = new Lazy.Slot(this, entity, field, graphId);
        Lazy lazy = switch (field.relationship().container()) {
            case REF -> new LazyRef<>(slot);
            case SET -> new LazySet<>(slot);
            default -> new LazyList<>(slot);
        };
        List<java.lang.ref.WeakReference<Lazy>> list = byField.get(field);
        if (list == null) {
            list = new ArrayList<>(4);
            byField.put(field, list);
        }
        list.add(new java.lang.ref.WeakReference<>(lazy));
        return lazy;
    }

    /** Loads {@code lazy}'s field for every container of this batch that has not loaded it. */
    synchronized void load(Lazy lazy) {
        if (lazy.isLoaded()) {
            return;
        }
        Lazy.Slot slot = lazy.slot();
        relations.checkOpen(slot.field, slot.graphId);
        List<java.lang.ref.WeakReference<Lazy>> all = byField.getOrDefault(slot.field, new ArrayList<>());
        Map<Object, List<Lazy>> byId = new LinkedHashMap<>();
        byId.computeIfAbsent(slot.graphId, k -> new ArrayList<>()).add(lazy);
        for (java.lang.ref.WeakReference<Lazy> ref : all) {
            Lazy other = ref.get();
            // containers filled elsewhere, or whose entity was collected, are skipped
            if (other != null && other != lazy && !other.isLoaded() && other.slot().owner() != null) {
                byId.computeIfAbsent(other.slot().graphId, k -> new ArrayList<>()).add(other);
            }
        }
        Map<Object, List<Object>> loaded = relations.loadBatch(slot.field, new ArrayList<>(byId.keySet()));
        for (Map.Entry<Object, List<Lazy>> e : byId.entrySet()) {
            List<Object> elements = loaded.getOrDefault(e.getKey(), List.of());
            Map<Object, Tracking.Edge> edges = relations.edges(slot.field.relationship(), elements);
            for (Lazy l : e.getValue()) {
                l.fill(elements);
                Object owner = l.slot().owner();
                Tracking.State state = l.state();
                if (state != null && owner != null && state.belongsTo(owner)) {
                    state.relationship(slot.field.javaName(), edges);
                } else if (owner != null) {
                    relations.tracking().relationship(owner, slot.field, edges);
                }
            }
        }
        all.removeIf(ref -> ref.get() == null || ref.get().isLoaded());
    }
}
