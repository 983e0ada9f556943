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
    private final Tracking tracking = new Tracking();
    private final Map<EntityMetadata, FetchTree> defaults = new ConcurrentHashMap<>();
    private final Map<PersistentProperty, String> batchStatements = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Relations(GraphAccess graph, Supplier<LabelIndex> labels) {
        this.graph = graph;
        this.labels = labels;
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
        return FetchTree.of(entity, plan);
    }

    /**
     * A read statement: {@code match} then the root items and the relationships of
     * {@code tree}; see {@link FetchQuery#select}.
     */
    public String select(String match, boolean distinct, String rootItems, FetchTree tree, String order,
                         String paging) {
        return FetchQuery.select(labels(), match, distinct, rootItems, tree, order, paging);
    }

    /** A reader for the rows of one call. */
    public RowReader reader() {
        Reader reader = new Reader(this);
        return (meta, shape, row, tree) -> {
            EntityMetadata concrete = labels().concreteType(meta, shape.labels(row, 0));
            return reader.entity(concrete, shape, row, 0, tree, shape.width());
        };
    }

    /** Reads rows whose first items are an entity's read items, followed by one column per branch. */
    @FunctionalInterface
    public interface RowReader {
        Object read(EntityMetadata queried, ReadShape shape, List<GraphValue> row, FetchTree tree);
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
        FetchTree tree = FetchTree.single(field);
        String cypher = batchStatements.computeIfAbsent(field, f -> {
            EntityMetadata owner = f.relationship().owner();
            String match = "MATCH (n:" + Identifiers.quote(owner.primaryLabel()) + ") WHERE n."
                    + owner.id().quotedName() + " IN $ids";
            return select(match, false, "n." + owner.id().quotedName(), tree, "", "");
        });
        try {
            return graph.run(Step.run(graph.readQuery(cypher, Map.of("ids", ownerIds)), true, r -> byOwner(r, tree)));
        } catch (RuntimeException e) {
            throw new LazyLoadingException(Reader.describe(field.relationship().owner(), field, ownerIds.get(0))
                    + " (and " + (ownerIds.size() - 1) + " more read with it) could not be loaded: " + e.getMessage(), e);
        }
    }

    private Map<Object, List<Object>> byOwner(QueryResult r, FetchTree tree) {
        Reader reader = new Reader(this);
        Map<Object, List<Object>> out = new HashMap<>();
        FetchTree.Branch b = tree.branches().get(0);
        for (List<GraphValue> row : r.rows()) {
            out.put(row.get(0).asJava(), reader.elements(b, ((ListValue) row.get(1)).values()));
        }
        return out;
    }

    /**
     * After a save changed the relationships of {@code owner}'s field: the inverse field of each
     * added target now holds {@code owner}, of each removed one no longer does, where the
     * target's value is in memory (a lazy field not loaded yet will load the stored truth), and
     * the stored state recorded for the target says the same.
     */
    void syncInverse(RelationshipInfo rel, Object owner, Object ownerGid, List<Object> added, List<Object> removed) {
        PersistentProperty inverse = rel.inverse();
        RelationshipInfo inv = inverse.relationship();
        for (Object t : added) {
            Object value = inverse.accessor().get(t);
            Map<Object, Tracking.Edge> stored = tracking.relationship(t, inverse);
            switch (inv.container()) {
                case ONE, REF -> {
                    if (!inverse.accessor().writable()) {
                        continue;
                    }
                    if (value instanceof Lazy lazy && !lazy.isLoaded()) {
                        continue;
                    }
                    inverse.accessor().set(t, inv.container() == RelationshipInfo.Container.ONE ? owner
                            : LazyRef.loaded(List.of(owner)));
                }
                default -> {
                    if (value == null || (value instanceof Lazy lazy && !lazy.isLoaded())) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    java.util.Collection<Object> c = (java.util.Collection<Object>) value;
                    if (c.stream().noneMatch(x -> x == owner)) {
                        try {
                            c.add(owner);
                        } catch (UnsupportedOperationException immutable) {
                            continue;
                        }
                    }
                }
            }
            if (stored != null) {
                Map<Object, Tracking.Edge> now = new LinkedHashMap<>(stored);
                now.put(ownerGid, new Tracking.Edge(owner, Map.of()));
                tracking.relationship(t, inverse, now);
            }
        }
        for (Object t : removed) {
            Object value = inverse.accessor().get(t);
            Map<Object, Tracking.Edge> stored = tracking.relationship(t, inverse);
            switch (inv.container()) {
                case ONE -> {
                    if (value == owner && inverse.accessor().writable()) {
                        inverse.accessor().set(t, null);
                    }
                }
                case REF -> {
                    if (value instanceof dev.falkor.orm.api.Ref<?> ref && ref.isLoaded() && ref.get() == owner
                            && inverse.accessor().writable()) {
                        inverse.accessor().set(t, LazyRef.loaded(List.of()));
                    }
                }
                default -> {
                    if (value != null && !(value instanceof Lazy lazy && !lazy.isLoaded())) {
                        try {
                            ((java.util.Collection<?>) value).removeIf(x -> x == owner);
                        } catch (UnsupportedOperationException immutable) {
                            // the caller's immutable collection stays as it is
                        }
                    }
                }
            }
            if (stored != null) {
                Map<Object, Tracking.Edge> now = new LinkedHashMap<>(stored);
                now.remove(ownerGid);
                tracking.relationship(t, inverse, now);
            }
        }
    }

    /** Number of instances whose stored state is tracked (for tests). */
    public int trackedInstances() {
        return tracking.size();
    }
}
