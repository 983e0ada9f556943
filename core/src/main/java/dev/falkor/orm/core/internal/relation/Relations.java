package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.LazyLoadingException;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.EntityValues;
import dev.falkor.orm.core.internal.mapping.LabelIndex;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.ReadShape;
import dev.falkor.orm.core.internal.mapping.RelationshipInfo;
import dev.falkor.orm.core.internal.repository.GraphAccess;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.batch.WriteOperation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Relationships for one mapper: fetch trees and the statements that load them, reading rows
 * into entities with their relationships, batched lazy loading, and the record of what is
 * stored that saves diff against ({@link Tracking}). Thread-safe.
 */
public final class Relations {
    private final GraphAccess graph;
    private final Supplier<LabelIndex> labels;
    private final Tracking tracking;
    private final Map<EntityMetadata, FetchTree> defaults = new ConcurrentHashMap<>();
    private final Map<PersistentProperty, String> batchStatements = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param relationshipFields the relationship fields of an entity class (from the mapping) */
    public Relations(GraphAccess graph, Supplier<LabelIndex> labels,
                     java.util.function.Function<Class<?>, List<PersistentProperty>> relationshipFields) {
        this.graph = graph;
        this.labels = labels;
        this.tracking = new Tracking(relationshipFields);
    }

    Tracking tracking() {
        return tracking;
    }

    LabelIndex labels() {
        return labels.get();
    }

    /** Marks the mapper closed: lazy relationships not loaded yet fail from now on. */
    public void close() {
        closed = true;
    }

    /** The fetch tree of {@code entity} for {@code plan} (null: eager defaults only). */
    public FetchTree tree(EntityMetadata entity, FetchPlan plan) {
        if (plan == null || plan.equals(FetchPlan.defaults())) {
            return defaults.computeIfAbsent(entity, e -> FetchTree.of(e, null));
        }
        // plans are mostly constants: resolve each once (the statement cache keys on the tree)
        List<Object> key = List.of(entity, plan);
        FetchTree tree = plans.get(key);
        if (tree == null) {
            tree = FetchTree.of(entity, plan);
            if (plans.size() > 256) {
                plans.clear(); // a caller building ever new plans: keep the cache bounded
            }
            FetchTree raced = plans.putIfAbsent(key, tree);
            tree = raced != null ? raced : tree;
        }
        return tree;
    }

    private final Map<List<Object>, FetchTree> plans = new ConcurrentHashMap<>();
    /** The tree of each field's lazy load (the field, with its targets' eager defaults). */
    private final Map<PersistentProperty, FetchTree> singles = new ConcurrentHashMap<>();

    /**
     * A read statement: {@code match} then the root items and the relationships of
     * {@code tree}; see {@link FetchQuery#select}.
     */
    public String select(String match, boolean distinct, String rootItems, FetchTree tree, String order,
                         String paging) {
        return FetchQuery.select(labels(), match, distinct, rootItems, tree, order, paging);
    }

    /** A reader for the rows of one call; call {@link RowReader#done} after the last row. */
    public RowReader reader() {
        return new RowReader(new Reader(this));
    }

    /** Reads rows whose first items are an entity's read items, followed by one column per branch. */
    public final class RowReader {
        private final Reader reader;

        private RowReader(Reader reader) {
            this.reader = reader;
        }

        public Object read(EntityMetadata queried, ReadShape shape, List<GraphValue> row, FetchTree tree) {
            EntityMetadata concrete = labels().concreteType(queried, shape.labels(row, 0));
            return reader.entity(concrete, shape, row, 0, tree, shape.width());
        }

        /** Records what the rows told about stored state. */
        public void done() {
            reader.done();
        }
    }

    private final Map<EntityMetadata, ReadShape> relationshipShapes = new ConcurrentHashMap<>();

    /** How the properties of a relationship-properties class are read. */
    ReadShape relationshipShape(EntityMetadata properties) {
        return relationshipShapes.computeIfAbsent(properties, FetchQuery::relationshipShape);
    }

    /** The value a relationship field holds for these loaded elements. */
    static Object container(RelationshipInfo rel, List<Object> elements) {
        return switch (rel.container()) {
            case ONE -> elements.isEmpty() ? null : elements.get(0);
            case REF -> LazyRef.loaded(elements);
            case SET -> LazySet.loaded(elements);
            default -> LazyList.loaded(elements);
        };
    }

    /** The stored form of loaded elements: graph id of each target, with the relationship's properties. */
    Map<Object, Tracking.Edge> edges(RelationshipInfo rel, List<Object> elements) {
        Map<Object, Tracking.Edge> out = new LinkedHashMap<>();
        for (Object e : elements) {
            Object target = rel.hasProperties() ? rel.properties().targetNode().accessor().get(e) : e;
            if (target == null) {
                continue;
            }
            Object id = rel.target().id().toGraph(rel.target().idOf(target));
            out.put(id, new Tracking.Edge(target, rel.hasProperties()
                    ? EntityValues.toGraph(rel.properties(), e, true) : Map.of()));
        }
        return out;
    }

    void checkOpen(PersistentProperty field, Object ownerId) {
        if (closed) {
            throw new LazyLoadingException(Reader.describe(field.relationship().owner(), field, ownerId)
                    + " cannot be loaded: its FalkorOrm is closed. Load it before closing, or fetch it with the "
                    + "entity (FetchPlan.of(\"" + field.javaName() + "\") or fetch = EAGER)", null);
        }
    }

    /** Loads {@code field} for the owners with these graph ids: one query, elements by owner id. */
    Map<Object, List<Object>> loadBatch(PersistentProperty field, List<Object> ownerIds) {
        try {
            return graph.run(loadBatchStep(field, ownerIds));
        } catch (RuntimeException e) {
            throw new LazyLoadingException(Reader.describe(field.relationship().owner(), field, ownerIds.get(0))
                    + " (and " + (ownerIds.size() - 1) + " more read with it) could not be loaded: " + e.getMessage(), e);
        }
    }

    /** The step of {@link #loadBatch}: loads {@code field} for these owners, elements by owner id. */
    Step<Map<Object, List<Object>>> loadBatchStep(PersistentProperty field, List<Object> ownerIds) {
        FetchTree tree = singles.computeIfAbsent(field, FetchTree::single);
        return Step.run(graph.readQuery(batchStatement(field, tree), Map.of("ids", ownerIds)), true,
                r -> byOwner(r, tree));
    }

    private String batchStatement(PersistentProperty field, FetchTree tree) {
        return batchStatements.computeIfAbsent(field, f -> {
            EntityMetadata owner = f.relationship().owner();
            String match = "MATCH (n:" + Identifiers.quote(owner.primaryLabel()) + ") WHERE n."
                    + owner.id().quotedName() + " IN $ids";
            return select(match, false, "n." + owner.id().quotedName(), tree, "", "");
        });
    }

    private Map<Object, List<Object>> byOwner(QueryResult r, FetchTree tree) {
        Reader reader = new Reader(this);
        Map<Object, List<Object>> out = new HashMap<>();
        FetchTree.Branch b = tree.branches().get(0);
        for (List<GraphValue> row : r.rows()) {
            out.put(row.get(0).asJava(), reader.elements(b, ((ListValue) row.get(1)).values()));
        }
        reader.done();
        return out;
    }

    /**
     * After a save changed the relationships of {@code owner}'s field: the inverse field of each
     * added target now holds {@code owner}, of each removed one no longer does, where the
     * target's value is in memory (a lazy field not loaded yet will load the stored truth).
     * Elements are matched by node (graph id), not by object, since a read may hold two objects
     * for one node. The stored state recorded for a target changes only together with what its
     * field holds in memory: a field that could not be changed (final, immutable) keeps its state,
     * so its next save writes nothing rather than bring back what this save removed.
     */
    void syncInverse(RelationshipInfo rel, Object owner, Object ownerGid, List<Object> added, List<Object> removed) {
        PersistentProperty inverse = rel.inverse();
        RelationshipInfo inv = inverse.relationship();
        EntityMetadata ownerMeta = rel.owner();
        for (Object t : added) {
            Object value = inverse.accessor().get(t);
            if (value instanceof Lazy lazy && !lazy.isLoaded()) {
                continue; // loads the stored truth when used
            }
            if (inv.isMany()) {
                if (value == null) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                java.util.Collection<Object> c = (java.util.Collection<Object>) value;
                if (c.stream().noneMatch(x -> sameNode(ownerMeta, x, ownerGid))) {
                    try {
                        c.add(owner);
                    } catch (UnsupportedOperationException immutable) {
                        continue;
                    }
                }
                Map<Object, Tracking.Edge> stored = tracking.relationship(t, inverse);
                if (stored != null) {
                    Map<Object, Tracking.Edge> now = new LinkedHashMap<>(stored);
                    now.put(ownerGid, new Tracking.Edge(owner, Map.of()));
                    tracking.relationship(t, inverse, now);
                }
                continue;
            }
            if (!inverse.accessor().writable()) {
                continue;
            }
            Object previous = value instanceof dev.falkor.orm.api.Ref<?> ref ? ref.get() : value;
            inverse.accessor().set(t, inv.container() == RelationshipInfo.Container.ONE ? owner
                    : LazyRef.loaded(List.of(owner)));
            if (previous != null && !sameNode(ownerMeta, previous, ownerGid)) {
                // the save pruned t's relationship to previous: previous no longer holds t
                forget(previous, rel.field(), t, rel.target().id().toGraph(rel.target().idOf(t)));
            }
            // the save pruned t's other relationships of this kind: t holds exactly owner
            tracking.relationship(t, inverse, Map.of(ownerGid, new Tracking.Edge(owner, Map.of())));
        }
        for (Object t : removed) {
            forget(t, inverse, owner, ownerGid);
        }
    }

    /**
     * {@code holder}'s {@code field} no longer holds the node {@code elementGid} in the graph:
     * takes it out of the field in memory (a to-one becomes empty, a loaded collection loses it)
     * and, once memory no longer holds it, out of the stored state.
     */
    private void forget(Object holder, PersistentProperty field, Object element, Object elementGid) {
        if (!field.owner().isInstance(holder)) {
            return;
        }
        RelationshipInfo rel = field.relationship();
        EntityMetadata elementMeta = rel.target();
        Object value = field.accessor().get(holder);
        boolean held;
        if (value == null || (value instanceof Lazy lazy && !lazy.isLoaded())) {
            held = false;
        } else if (rel.isMany()) {
            java.util.Collection<?> c = (java.util.Collection<?>) value;
            try {
                c.removeIf(x -> sameNode(elementMeta, x, elementGid));
            } catch (UnsupportedOperationException immutable) {
                // the caller's immutable collection stays as it is
            }
            held = c.stream().anyMatch(x -> sameNode(elementMeta, x, elementGid));
        } else {
            Object target = value instanceof dev.falkor.orm.api.Ref<?> ref ? ref.get() : value;
            held = sameNode(elementMeta, target, elementGid);
            if (held && field.accessor().writable()) {
                field.accessor().set(holder, rel.container() == RelationshipInfo.Container.ONE ? null
                        : LazyRef.loaded(List.of()));
                held = false;
            }
        }
        if (held) {
            return; // memory still says so: keep the state, so the next save writes nothing
        }
        Map<Object, Tracking.Edge> stored = tracking.relationship(holder, field);
        if (stored != null && stored.containsKey(elementGid)) {
            Map<Object, Tracking.Edge> now = new LinkedHashMap<>(stored);
            now.remove(elementGid);
            tracking.relationship(holder, field, now);
        }
    }

    /** True if {@code x} is an entity of {@code meta} for the node with graph id {@code gid}. */
    private static boolean sameNode(EntityMetadata meta, Object x, Object gid) {
        if (x == null || !meta.type().isInstance(x)) {
            return false;
        }
        Object id = meta.idOf(x);
        return id != null && meta.id().toGraph(id).equals(gid);
    }

    /**
     * The plan deleting the nodes of {@code entity} with these graph ids and, through every
     * relationship declared {@code cascade = DELETE}, the related nodes (followed into their
     * own cascading relationships; each node once). Related ids are read first, one query per
     * cascading field and level, never per entity; nodes related after that read are not
     * deleted. Deleting a node deletes its relationships.
     */
    public Step<List<WriteOperation>> deletePlan(EntityMetadata entity, List<Object> ids) {
        Map<EntityMetadata, java.util.LinkedHashSet<Object>> all = new LinkedHashMap<>();
        all.computeIfAbsent(entity, k -> new java.util.LinkedHashSet<>()).addAll(ids);
        return expand(entity, List.copyOf(ids), all).map(ignored -> {
            List<WriteOperation> parts = new java.util.ArrayList<>();
            all.forEach((meta, set) -> parts.add(new WriteOperation.DeleteNodes(meta.shape(),
                    new java.util.ArrayList<>(set))));
            return parts;
        });
    }

    private Step<Void> expand(EntityMetadata meta, List<Object> ids,
                              Map<EntityMetadata, java.util.LinkedHashSet<Object>> all) {
        List<PersistentProperty> cascading = meta.relationships().stream()
                .filter(f -> f.relationship().cascadesDelete()).toList();
        if (cascading.isEmpty() || ids.isEmpty()) {
            return Step.done(null);
        }
        StringBuilder cypher = new StringBuilder("MATCH (n:").append(Identifiers.quote(meta.primaryLabel()))
                .append(") WHERE n.").append(meta.id().quotedName()).append(" IN $ids RETURN ");
        for (int i = 0; i < cascading.size(); i++) {
            RelationshipInfo rel = cascading.get(i).relationship();
            cypher.append(i == 0 ? "" : ", ").append('[')
                    .append(rel.pattern("n", "", "m", ":" + Identifiers.quote(rel.target().primaryLabel())))
                    .append(" | m.").append(rel.target().id().quotedName()).append(']');
        }
        return Step.then(graph.readQuery(cypher.toString(), Map.of("ids", ids)), true, r -> {
            Step<Void> next = Step.done(null);
            for (int i = 0; i < cascading.size(); i++) {
                EntityMetadata target = cascading.get(i).relationship().target();
                java.util.LinkedHashSet<Object> known = all.computeIfAbsent(target, k -> new java.util.LinkedHashSet<>());
                List<Object> fresh = new java.util.ArrayList<>();
                for (List<GraphValue> row : r.rows()) {
                    for (GraphValue v : ((ListValue) row.get(i)).values()) {
                        Object id = v.asJava();
                        if (known.add(id)) {
                            fresh.add(id);
                        }
                    }
                }
                Step<Void> previous = next;
                next = previous.flatMap(ignored -> expand(target, fresh, all));
            }
            return next;
        });
    }

    /**
     * Fills {@code field} of each owner with the related nodes its cell of a user's query names
     * (a node, a list of nodes, or of {@code [relationship, node]} pairs, or null). The
     * relationships are read again for these owners in one query (the lazy-loading query), so
     * values are exact, relationship properties included, and only those whose node is in the
     * cell are kept, in the cell's order. The field counts as loaded with exactly those: a save
     * diffs against them and never touches relationships the query left out.
     */
    public Step<Void> attach(PersistentProperty field, List<Object> owners, List<Object> ownerIds,
                             List<GraphValue> cells) {
        RelationshipInfo rel = field.relationship();
        EntityMetadata target = rel.target();
        List<List<Object>> idsPerOwner = new java.util.ArrayList<>();
        for (GraphValue cell : cells) {
            List<Object> mine = new java.util.ArrayList<>();
            List<GraphValue> items = cell instanceof ListValue l ? l.values() : cell.isNull() ? List.of() : List.of(cell);
            for (GraphValue item : items) {
                dev.falkor.orm.spi.value.NodeValue node = nodeIn(item);
                if (node != null) {
                    mine.add(node.property(target.id().graphName()).asJava());
                } else if (!item.isNull()) {
                    throw new IllegalArgumentException("Column '" + field.javaName() + "' fills " + field.describe()
                            + " and must hold nodes, lists of nodes or of [relationship, node] pairs, not "
                            + item.getClass().getSimpleName());
                }
            }
            idsPerOwner.add(mine);
        }
        List<Object> distinctOwners = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(ownerIds));
        distinctOwners.remove(null);
        if (distinctOwners.isEmpty()) {
            return Step.done(null);
        }
        return loadBatchStep(field, distinctOwners).map(loaded -> {
            for (int i = 0; i < owners.size(); i++) {
                Object owner = owners.get(i);
                if (owner == null) {
                    continue;
                }
                Map<Object, Object> byTarget = new HashMap<>();
                for (Object element : loaded.getOrDefault(ownerIds.get(i), List.of())) {
                    Object t = rel.hasProperties() ? rel.properties().targetNode().accessor().get(element) : element;
                    byTarget.put(target.id().toGraph(target.idOf(t)), element);
                }
                List<Object> elements = new java.util.ArrayList<>();
                for (Object id : new java.util.LinkedHashSet<>(idsPerOwner.get(i))) {
                    Object e = byTarget.get(id);
                    if (e != null) {
                        elements.add(e);
                    }
                }
                Object value = field.accessor().get(owner);
                if (value instanceof Lazy lazy && !lazy.isLoaded()) {
                    lazy.fill(elements);
                } else if (rel.container() == RelationshipInfo.Container.ONE && field.accessor().writable()
                        && value == null && tracking.relationship(owner, field) == null) {
                    // a to-one the entity holds (changed, or read before) is left as it is
                    field.accessor().set(owner, elements.isEmpty() ? null : elements.get(0));
                } else {
                    continue; // already loaded in this read, or a record's to-one: left as read
                }
                tracking.relationship(owner, field, edges(rel, elements));
            }
            return null;
        });
    }

    /** The node of a column item: the node itself, or the node of a {@code [relationship, node]} pair. */
    private static dev.falkor.orm.spi.value.NodeValue nodeIn(GraphValue item) {
        if (item instanceof dev.falkor.orm.spi.value.NodeValue n) {
            return n;
        }
        if (item instanceof ListValue pair) {
            for (GraphValue v : pair.values()) {
                if (v instanceof dev.falkor.orm.spi.value.NodeValue n) {
                    return n;
                }
            }
        }
        return null;
    }

    /** True if {@code entity} has relationships that cascade deletes. */
    public static boolean cascadesDeletes(EntityMetadata entity) {
        return entity.relationships().stream().anyMatch(f -> f.relationship().cascadesDelete());
    }

    /** Number of instances whose stored state is tracked (for tests). */
    public int trackedInstances() {
        return tracking.size();
    }
}
