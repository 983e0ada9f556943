package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.Lifecycle;
import dev.falkor.orm.core.internal.mapping.EntityValues;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.ReadShape;
import dev.falkor.orm.core.internal.mapping.RelationshipInfo;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the entities of one read call, with their fetched relationships, and gives every
 * relationship that was not fetched a lazy container. All containers of one call belong to
 * one {@link Batch}: touching one loads that field for every entity of the call in one query.
 * Within a call a node read twice (two people with one employer) becomes one object once it
 * is built. Not thread-safe: one per call.
 */
final class Reader {
    private final Relations relations;
    private final Batch batch;
    private final Map<NodeKey, Object> instances = new HashMap<>();

    /** A node within a read: id label and graph id. */
    private record NodeKey(String label, Object id) {
    }
    private final Tracking.Recorder record;

    Reader(Relations relations) {
        this.relations = relations;
        this.batch = new Batch(relations);
        this.record = relations.tracking().recorder();
    }

    /** Records what this read learned about stored state; call once all rows are read. */
    void done() {
        record.flush();
    }

    /**
     * The entity of type {@code meta} whose read items start at {@code column} of {@code cell},
     * with the branches of {@code tree} in the cells from {@code branchStart} on.
     */
    Object entity(EntityMetadata meta, ReadShape shape, List<GraphValue> cell, int column, FetchTree tree,
                  int branchStart) {
        Map<String, GraphValue> props = ((MapValue) cell.get(column)).values();
        GraphValue idValue = props.get(meta.id().graphName());
        Object graphId = idValue == null ? null : idValue.asJava();
        NodeKey key = new NodeKey(meta.idLabel(), graphId);
        Object existing = graphId == null ? null : instances.get(key);
        Map<PersistentProperty, List<Object>> fetched = tree.isEmpty() ? Map.of() : new LinkedHashMap<>();
        if (!tree.isEmpty()) {
            for (PersistentProperty f : meta.relationships()) {
                int index = indexOf(tree, f);
                if (index >= 0) {
                    FetchTree.Branch b = tree.branches().get(index);
                    fetched.put(f, elements(b, ((ListValue) cell.get(branchStart + index)).values()));
                }
            }
        }
        Lifecycle.IdentityScope session = existing == null && graphId != null ? meta.lifecycle().scope() : null;
        if (session != null) {
            // managed by the session open on this thread: that object, as it is, with what this read fetched
            existing = session.managed(meta, graphId);
            if (existing != null) {
                instances.put(key, existing);
            }
        }
        if (existing != null) {
            fillFetched(existing, meta, fetched);
            return existing;
        }
        Map<PersistentProperty, Object> values = new IdentityHashMap<>(meta.relationships().size());
        for (PersistentProperty f : meta.relationships()) {
            List<Object> elements = fetched.get(f);
            RelationshipInfo rel = f.relationship();
            if (elements != null) {
                values.put(f, Relations.container(rel, elements));
            } else if (rel.container() != RelationshipInfo.Container.ONE) {
                values.put(f, batch.lazy(meta, f, graphId));
            }
        }
        Object instance = shape.read(meta, cell, column, values::get);
        for (Object v : values.values()) {
            if (v instanceof Lazy lazy && lazy.slot() != null && lazy.slot().batch == batch) {
                lazy.slot().owner(instance);
            }
        }
        Tracking.State state = new Tracking.State(instance);
        state.node(EntityValues.snapshot(meta, instance)); // the form a save compares
        for (Map.Entry<PersistentProperty, List<Object>> e : fetched.entrySet()) {
            state.relationship(e.getKey().javaName(), relations.edges(e.getKey().relationship(), e.getValue()));
        }
        boolean carried = false;
        for (PersistentProperty f : meta.relationships()) {
            if (values.get(f) instanceof Lazy lazy) {
                lazy.state(state);
                carried = true;
            }
        }
        if (!carried) {
            record.keep(instance, state);
        }
        if (graphId != null) {
            instances.put(key, instance);
        }
        return instance;
    }

    /** Fills lazy containers of {@code instance} that this occurrence fetched. */
    private void fillFetched(Object instance, EntityMetadata meta, Map<PersistentProperty, List<Object>> fetched) {
        for (Map.Entry<PersistentProperty, List<Object>> e : fetched.entrySet()) {
            PersistentProperty f = e.getKey();
            Object value = f.accessor().get(instance);
            boolean fill = value instanceof Lazy lazy && !lazy.isLoaded();
            if (fill) {
                ((Lazy) value).fill(e.getValue());
            } else if (value == null && f.relationship().container() == RelationshipInfo.Container.ONE
                    && f.accessor().writable() && relations.tracking().relationship(instance, f) == null) {
                // a plain to-one the first occurrence did not fetch: this one did
                f.accessor().set(instance, Relations.container(f.relationship(), e.getValue()));
                fill = true;
            }
            if (fill) {
                relations.tracking().relationship(instance, f, relations.edges(f.relationship(), e.getValue()));
            }
        }
    }

    /** The related objects of one fetched branch: entities, or relationship-properties objects. */
    List<Object> elements(FetchTree.Branch b, List<GraphValue> cells) {
        RelationshipInfo rel = b.field().relationship();
        List<Object> out = new ArrayList<>(cells.size());
        EntityMetadata target = rel.target();
        ReadShape shape = relations.labels().shape(target);
        ReadShape edgeShape = rel.hasProperties() ? relations.relationshipShape(rel.properties()) : null;
        int branches = shape.width() + (rel.hasProperties() ? 1 : 0);
        for (GraphValue c : cells) {
            if (c.isNull()) {
                continue;
            }
            List<GraphValue> cell = ((ListValue) c).values();
            EntityMetadata concrete = relations.labels().concreteType(target, shape.labels(cell, 0));
            Object node = entity(concrete, shape, cell, 0, b.sub(), branches);
            if (rel.hasProperties()) {
                out.add(edgeShape.read(rel.properties(), cell, shape.width(),
                        p -> p.kind() == PersistentProperty.Kind.TARGET ? node : null));
            } else {
                out.add(node);
            }
        }
        return out;
    }

    /** The position of the branch for {@code f} (by name, so subtypes' own fields match), or -1. */
    private static int indexOf(FetchTree tree, PersistentProperty f) {
        List<FetchTree.Branch> branches = tree.branches();
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).field().javaName().equals(f.javaName())) {
                return i;
            }
        }
        return -1;
    }

    static String describe(EntityMetadata meta, PersistentProperty f, Object id) {
        return "Relationship " + meta.type().getSimpleName() + "." + f.javaName() + " of " + meta.type().getSimpleName()
                + " " + id;
    }
}
