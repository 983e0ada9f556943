package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.core.internal.relation.FetchTree;
import dev.falkor.orm.core.internal.relation.GraphSave;
import dev.falkor.orm.core.internal.relation.Relations;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.core.internal.Types;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.EntityValues;
import dev.falkor.orm.core.internal.mapping.Lifecycle;
import dev.falkor.orm.core.internal.mapping.LabelIndex;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.ReadShape;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.wire.ParameterEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CRUD and query support for one entity type. Every operation is first built as a
 * {@link Step} (statements and how to map their results, no I/O), then run: the blocking
 * methods here run it on the calling thread; an asynchronous API runs the very same steps
 * without blocking. Writes go through the one write path, {@link Writes}.
 */
public final class EntityOperations<T> {
    private final EntityMetadata entity;
    private final GraphAccess graph;
    private final Writes writes;
    private final int batchSize;
    private final LabelIndex labelIndex;
    private final ReadShape shape;
    private final EntityStatements statements;
    private final Relations relations;
    private final boolean hasRelationships;
    private final FetchTree defaultTree;
    private final Lifecycle lifecycle;
    private final java.util.concurrent.ConcurrentHashMap<Object, String> fetchStatements =
            new java.util.concurrent.ConcurrentHashMap<>();

    private GraphSave graphSave;

    /** Connects the save of related entities (set once by the factory, before use). */
    void graphSave(GraphSave graphSave) {
        this.graphSave = graphSave;
    }

    /** How this entity's instances become upsert rows, for saves that reach them through relationships. */
    private final GraphSave.EntityRows rows = rowsOf();

    GraphSave.EntityRows rows() {
        return rows;
    }

    @SuppressWarnings("unchecked")
    private GraphSave.EntityRows rowsOf() {
        return new GraphSave.EntityRows() {
            @Override
            public EntityMetadata metadata() {
                return entity;
            }

            @Override
            public Object assignId(Object e) {
                return EntityOperations.this.assignId((T) e);
            }

            @Override
            public Map<String, Object> row(Object withId) {
                return EntityOperations.this.row(withId);
            }

            @Override
            public Step<Void> beforeUpsert(List<Map<String, Object>> rows) {
                return EntityOperations.this.beforeUpsert(rows);
            }

            @Override
            public Map<String, Object> nextVersion(Object withId, Map<String, Object> row) {
                return EntityOperations.this.nextVersion(withId, row);
            }

            @Override
            public Object withNextVersion(Object e) {
                return EntityOperations.this.withNextVersion(e);
            }

            @Override
            public boolean isNew(Object withId, boolean fresh) {
                return EntityOperations.this.isNew(withId, fresh);
            }
        };
    }

    public EntityOperations(EntityMetadata entity, GraphAccess graph, Writes writes, int batchSize,
                            LabelIndex labelIndex, Relations relations) {
        this.entity = entity;
        this.lifecycle = entity.lifecycle();
        this.relations = relations;
        this.hasRelationships = !entity.relationships().isEmpty();
        this.defaultTree = relations.tree(entity, null);
        this.graph = graph;
        this.writes = writes;
        this.batchSize = batchSize;
        this.labelIndex = labelIndex;
        this.shape = labelIndex.shape(entity);
        this.statements = new EntityStatements(entity, shape);
    }

    private dev.falkor.orm.core.internal.cache.CachePolicy cachePolicy = dev.falkor.orm.core.internal.cache.CachePolicy.none();

    /** What the mapper caches (set once, when the operations are created). */
    public void cachePolicy(dev.falkor.orm.core.internal.cache.CachePolicy policy) {
        this.cachePolicy = policy;
    }

    public dev.falkor.orm.core.internal.cache.CachePolicy cachePolicy() {
        return cachePolicy;
    }

    /** How rows of this entity are read; the RETURN items of every mapper read of it. */
    public ReadShape shape() {
        return shape;
    }

    public EntityMetadata metadata() {
        return entity;
    }

    /** The graph this entity lives in. */
    public GraphAccess graph() {
        return graph;
    }

    // ---- writes

    /** Saves one entity; returns it (a new instance for records that got a generated id). */
    public T save(T e) {
        return saveAll(List.of(e)).get(0);
    }

    /**
     * Saves entities in UNWIND batches. Every entity is converted and checked before the first
     * statement is sent, so a bad value fails the whole call with nothing written. An entity
     * given twice is saved in its last state, as if saved one after another.
     */
    public List<T> saveAll(Iterable<? extends T> entities) {
        return graph.run(saveAllStep(entities));
    }

    /** The steps of {@link #saveAll}; the entities are converted and checked when this is called. */
    @SuppressWarnings("unchecked")
    public Step<List<T>> saveAllStep(Iterable<? extends T> entities) {
        if (hasRelationships) {
            return graphSave.saveStep(entity, entities);
        }
        List<T> given;
        if (entities instanceof List<?> list) {
            given = (List<T>) list;
        } else {
            given = new ArrayList<>();
            entities.forEach(given::add); // read once: the iterable may be a one-shot stream
        }
        for (T e : given) {
            if (e != null && e.getClass() != entity.type()) {
                // instances of mapped subclasses carry their own metadata (versions, callbacks): the
                // save that resolves each instance's class
                return graphSave.saveStep(entity, given);
            }
        }
        return saveOwnClass(given);
    }

    @SuppressWarnings("unchecked") // callbacks hand back the entity's own class
    private Step<List<T>> saveOwnClass(List<T> entities) {
        List<T> saved = new ArrayList<>(entities.size());
        boolean callbacks = lifecycle.onSave(entity);
        boolean versioned = entity.version() != null;
        List<Boolean> newness = callbacks ? new ArrayList<>(entities.size()) : null;
        Map<Object, Object> owners = versioned ? new HashMap<>() : null;
        Map<Object, Map<String, Object>> rows = new LinkedHashMap<>();
        Map<Object, Map<String, Object>> checks = versioned ? new LinkedHashMap<>() : Map.of();
        java.util.Set<Object> generated = new java.util.HashSet<>();
        for (T e : entities) {
            if (e == null) {
                throw new InvalidEntityException("Cannot save null as " + entity.type().getName());
            }
            boolean fresh = entity.idOf(e) == null;
            T withId = assignId(e);
            if (callbacks) {
                boolean isNew = isNew(withId, fresh);
                withId = (T) lifecycle.beforeSave(entity, withId, isNew);
                newness.add(isNew);
            }
            Map<String, Object> row = row(withId);
            Object key = row.get(entity.id().graphName());
            rows.remove(key); // the last state wins, keeping the order of the last occurrence
            rows.put(key, row);
            Map<String, Object> check = nextVersion(withId, row);
            if (check != null) {
                Object other = owners.put(key, withId);
                if (other != null && other != withId) {
                    throw duplicateCopy(key);
                }
            }
            if (fresh) {
                generated.add(key); // generated for this call: the node cannot exist yet
            } else if (check != null) {
                checks.put(key, check);
            }
            saved.add(withId);
        }
        List<WriteOperation> ops = new ArrayList<>();
        if (!checks.isEmpty()) {
            ops.add(new WriteOperation.CheckVersions(entity.shape(), new ArrayList<>(checks.values())));
        }
        ops.addAll(nodeOperations(entity, rows, generated));
        WriteBatch plan = writes.batch(ops);
        List<Map<String, Object>> all = new ArrayList<>(rows.values());
        Step<Void> prepared = statements.mapKeys == null ? Step.done(null) : staleMapEntries(all);
        return prepared.flatMap(ignored -> writes.apply(plan)).map(ignored -> {
            List<T> out = withNextVersions(saved);
            if (callbacks) {
                for (int i = 0; i < out.size(); i++) {
                    lifecycle.afterSave(entity, out.get(i), newness.get(i));
                }
            }
            if (lifecycle.scope() != null) {
                out.forEach(e -> lifecycle.saved(entity, e));
            }
            return out;
        });
    }

    /**
     * The node operations for these rows of {@code entity}: a create for the rows whose id was
     * generated for this call (they cannot exist, and the writer can create them with inline
     * properties), an upsert for the others.
     */
    public static List<WriteOperation> nodeOperations(EntityMetadata entity, Map<Object, Map<String, Object>> rows,
                                                      java.util.Set<Object> generated) {
        if (generated.isEmpty()) {
            return List.of(new WriteOperation.UpsertNodes(entity.shape(), new ArrayList<>(rows.values())));
        }
        List<Map<String, Object>> created = new ArrayList<>();
        List<Map<String, Object>> upserted = new ArrayList<>();
        rows.forEach((id, row) -> (generated.contains(id) ? created : upserted).add(row));
        List<WriteOperation> parts = new ArrayList<>();
        if (!created.isEmpty()) {
            parts.add(new WriteOperation.CreateNodes(entity.shape(), created));
        }
        if (!upserted.isEmpty()) {
            parts.add(new WriteOperation.UpsertNodes(entity.shape(), upserted));
        }
        return parts;
    }

    /**
     * The row of an entity that has its id, converted and checked: its properties by stored name,
     * the id first, nulls included (a null removes the property). One flat map: nested
     * {@code {id, props: {...}}} rows cost the server a third more time to parse.
     */
    Map<String, Object> row(Object withId) {
        Object id = entity.idOf(withId);
        Map<String, Object> row = new LinkedHashMap<>(entity.properties().size() * 4 / 3 + 2);
        try {
            row.put(entity.id().graphName(), entity.id().toGraph(id));
            EntityValues.toGraph(entity, withId, true, entity.id(), row);
        } catch (IllegalArgumentException ex) {
            throw new InvalidEntityException("Cannot save " + entity.type().getName() + " with id " + id + ": "
                    + ex.getMessage(), ex);
        }
        check(row, id);
        return row;
    }

    /** Two instances of one versioned node in one save: saved one after the other, the second would conflict. */
    private dev.falkor.orm.api.OptimisticLockException duplicateCopy(Object graphId) {
        return new dev.falkor.orm.api.OptimisticLockException("Cannot save two different instances of "
                + entity.type().getName() + " with id " + graphId + " in one call: saved one after the other, the "
                + "second would find the version the first stored; nothing was written", entity.type().getName(), graphId);
    }

    /** New to the graph: its id was just generated, or its {@code @Version} is 0 or null. */
    boolean isNew(Object withId, boolean fresh) {
        return fresh || (entity.version() != null && EntityValues.versionOf(entity, withId) == 0);
    }

    /**
     * For a versioned entity: puts the next version into its row and returns the check its save
     * makes, {@code {id, version}} with the version the stored node must have (null: none, for an
     * entity never saved); null for an entity without {@code @Version}.
     */
    Map<String, Object> nextVersion(Object withId, Map<String, Object> row) {
        PersistentProperty v = entity.version();
        if (v == null) {
            return null;
        }
        long current = EntityValues.versionOf(entity, withId);
        row.put(v.graphName(), current + 1);
        return versionCheck(row.get(entity.id().graphName()), current);
    }

    private static Map<String, Object> versionCheck(Object graphId, long current) {
        Map<String, Object> check = new HashMap<>(4);
        check.put("id", graphId);
        check.put("version", current == 0 ? null : current);
        return check;
    }

    /** After a successful save: the entities carrying their next version (records as new instances). */
    @SuppressWarnings("unchecked")
    List<T> withNextVersions(List<T> saved) {
        if (entity.version() == null) {
            return saved;
        }
        java.util.Map<Object, Object> done = new java.util.IdentityHashMap<>(Math.max(2, saved.size()));
        List<T> out = new ArrayList<>(saved.size());
        for (T e : saved) {
            // an instance given twice is saved once: it moves to the next version once
            out.add((T) done.computeIfAbsent(e, x -> withNextVersion(x)));
        }
        return out;
    }

    /** {@code e} carrying the version after its stored one (the same instance, or a new record). */
    Object withNextVersion(Object e) {
        return EntityValues.withVersion(entity, e, EntityValues.versionOf(entity, e) + 1);
    }

    /** What must be read before upserting these rows (stored Map entries to remove), or nothing. */
    Step<Void> beforeUpsert(List<Map<String, Object>> rows) {
        return statements.mapKeys == null ? Step.done(null) : staleMapEntries(rows);
    }

    /** Rejects what the server cannot hold (NaN, NUL, ...) naming entity, id and property, never the value. */
    private void check(Map<String, Object> row, Object id) {
        String idName = entity.id().graphName();
        for (Map.Entry<String, Object> p : row.entrySet()) {
            String[] problem = ParameterEncoder.check(p.getValue());
            if (problem != null) {
                throw invalid(id, p.getKey().equals(idName) ? entity.id().javaName() : p.getKey(), problem);
            }
        }
    }

    private InvalidEntityException invalid(Object id, String property, String[] problem) {
        return new InvalidEntityException("Cannot save " + entity.type().getName() + " with id " + id
                + ": property '" + property + problem[0] + "': " + problem[1] + ". Nothing was written");
    }

    /**
     * Adds a null for every stored entry of a Map property that the entity's map no longer has,
     * so the entry is removed: one read of the stored keys per batch, before the write.
     */
    @SuppressWarnings("unchecked")
    private Step<Void> staleMapEntries(List<Map<String, Object>> rows) {
        Map<Object, Map<String, Object>> byId = new HashMap<>();
        String idName = entity.id().graphName();
        for (Map<String, Object> r : rows) {
            byId.put(r.get(idName), r);
        }
        List<Object> ids = new ArrayList<>(byId.keySet());
        Step<Void> step = Step.done(null);
        for (int from = ids.size() - ((ids.size() - 1) % batchSize) - 1; from >= 0 && !ids.isEmpty(); from -= batchSize) {
            Step<Void> rest = step;
            List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + batchSize));
            step = Step.<Void>then(graph.readQuery(statements.mapKeys, Map.of("ids", chunk)), true, r -> {
                for (List<GraphValue> row : r.rows()) {
                    Map<String, Object> props = byId.get(row.get(0).asJava());
                    if (props != null) {
                        for (GraphValue k : ((ListValue) row.get(1)).values()) {
                            props.putIfAbsent(((StringValue) k).value(), null);
                        }
                    }
                }
                return rest;
            });
        }
        return step;
    }

    @SuppressWarnings("unchecked")
    T assignId(T e) {
        PersistentProperty id = entity.id();
        if (id.accessor().get(e) != null) {
            return e;
        }
        if (id.generator() == null) {
            throw new InvalidEntityException("Cannot save " + entity.type().getName() + ": its id " + id.javaName()
                    + " is null and the field has no @GeneratedValue");
        }
        Object generated = id.generator().generate(id.type(), entity.type());
        return (T) EntityValues.withId(entity, e, generated);
    }

    public void deleteById(Object id) {
        graph.run(deleteByIdStep(id));
    }

    public Step<Void> deleteByIdStep(Object id) {
        return deleteStep(List.of(idParameter(id)));
    }

    public void delete(T e) {
        deleteAll(List.of(e));
    }

    public void deleteAll() {
        graph.run(deleteAllStep());
    }

    /** The steps deleting every node of this entity (and what deletes cascade to). */
    public Step<Void> deleteAllStep() {
        if (Relations.cascadesDeletes(entity)) {
            // the related nodes to delete are found from the ids
            return Step.then(graph.readQuery(statements.matchClause + " RETURN n." + entity.id().quotedName(),
                    Map.of()), true, r -> {
                List<Object> ids = new ArrayList<>();
                r.rows().forEach(row -> ids.add(row.get(0).asJava()));
                return deleteStep(ids);
            });
        }
        return Step.run(graph.writeQuery(statements.deleteAll, Map.of()), true, r -> null);
    }

    public void deleteAll(Iterable<? extends T> entities) {
        graph.run(deleteAllStep(entities));
    }

    /**
     * The steps deleting these entities: {@code @PreRemove} callbacks run when this is called,
     * {@code @PostRemove} ones when the delete is done.
     */
    public Step<Void> deleteAllStep(Iterable<? extends T> entities) {
        List<T> given = new ArrayList<>();
        entities.forEach(given::add);
        for (T e : given) {
            lifecycle.fire(entity, Lifecycle.Event.PRE_REMOVE, e);
        }
        return deleteEntitiesStep(given).map(v -> {
            for (T e : given) {
                lifecycle.fire(entity, Lifecycle.Event.POST_REMOVE, e);
            }
            return null;
        });
    }

    private Step<Void> deleteEntitiesStep(List<T> entities) {
        return deleteOperations(entities).flatMap(ops -> writes.apply(writes.batch(ops)));
    }

    /**
     * The operations deleting these entities (checking their versions) and what their delete
     * cascades to (read first), for a write of their own or a unit of work's batch.
     */
    public Step<List<WriteOperation>> deleteOperations(List<? extends T> entities) {
        List<Object> ids = new ArrayList<>();
        Map<EntityMetadata, List<Map<String, Object>>> checks = new LinkedHashMap<>();
        for (T e : entities) {
            Object id = idParameter(entity.idOf(e));
            ids.add(id);
            EntityMetadata concrete = e.getClass() == entity.type() ? entity : graphSave.metadataOf(e.getClass());
            if (concrete.version() != null) { // deleting a changed node fails
                checks.computeIfAbsent(concrete, k -> new ArrayList<>())
                        .add(versionCheck(id, EntityValues.versionOf(concrete, e)));
            }
        }
        List<WriteOperation> checkOps = new ArrayList<>();
        checks.forEach((m, rows) -> checkOps.add(new WriteOperation.CheckVersions(m.shape(), rows)));
        if (Relations.cascadesDeletes(entity)) {
            return relations.deletePlan(entity, ids).map(ops -> {
                List<WriteOperation> all = new ArrayList<>(checkOps);
                all.addAll(ops);
                return all;
            });
        }
        List<WriteOperation> all = new ArrayList<>(checkOps);
        all.add(new WriteOperation.DeleteNodes(entity.shape(), ids));
        return Step.done(all);
    }

    /** Deletes the nodes with these graph ids, through the write path. */
    public Step<Void> deleteStep(List<Object> graphIds) {
        if (Relations.cascadesDeletes(entity)) {
            return relations.deletePlan(entity, graphIds).flatMap(ops -> writes.apply(writes.batch(ops)));
        }
        return writes.apply(writes.batch(new WriteOperation.DeleteNodes(entity.shape(), graphIds)));
    }

    // ---- reads

    public Optional<T> findById(Object id) {
        return graph.run(findByIdStep(id));
    }

    public Optional<T> findById(Object id, FetchPlan plan) {
        return graph.run(findByIdStep(id, plan));
    }

    public Step<Optional<T>> findByIdStep(Object id) {
        return findByIdStep(id, null);
    }

    /** Finds by id with the relationships of {@code plan} (null: the eager defaults) in the same query. */
    public Step<Optional<T>> findByIdStep(Object id, FetchPlan plan) {
        FetchTree tree = tree(plan);
        String cypher = tree.isEmpty() ? statements.findById
                : fetchSelect(Condition.of("n." + entity.id().quotedName() + " = $id"), false, tree, "", "");
        return Step.run(graph.readQuery(cypher, Map.of("id", idParameter(id))), true, r -> {
            List<T> all = readAll(r, tree);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
        });
    }

    public List<T> findAllById(Iterable<?> ids) {
        return findAllById(ids, null);
    }

    /** Entities by id, with the relationships of {@code plan}. */
    public List<T> findAllById(Iterable<?> ids, FetchPlan plan) {
        return graph.run(findAllByIdStep(ids, plan));
    }

    public Step<List<T>> findAllByIdStep(Iterable<?> ids, FetchPlan plan) {
        List<Object> params = new ArrayList<>();
        for (Object id : ids) {
            params.add(idParameter(id));
        }
        if (params.isEmpty()) {
            return Step.done(List.of());
        }
        FetchTree tree = tree(plan);
        String cypher = tree.isEmpty() ? statements.findAllById
                : fetchSelect(Condition.of("n." + entity.id().quotedName() + " IN $ids"), false, tree, "", "");
        return Step.run(graph.readQuery(cypher, Map.of("ids", params)), true, r -> readAll(r, tree));
    }

    public List<T> findAll() {
        return findAll((FetchPlan) null);
    }

    /** All entities, with the relationships of {@code plan}. */
    public List<T> findAll(FetchPlan plan) {
        return graph.run(findAllStep(plan));
    }

    public Step<List<T>> findAllStep(FetchPlan plan) {
        FetchTree tree = tree(plan);
        String cypher = tree.isEmpty() ? statements.findAll : fetchSelect(Condition.NONE, false, tree, "", "");
        return Step.run(graph.readQuery(cypher, Map.of()), true, r -> readAll(r, tree));
    }

    /** The fetch tree for {@code plan} (null: eager defaults). */
    public FetchTree tree(FetchPlan plan) {
        return plan == null || !hasRelationships ? defaultTree : relations.tree(entity, plan);
    }

    /**
     * {@code MATCH (n:L) [WHERE where]} reading the roots and the relationships of {@code tree}
     * (non-empty), ordered and paged as given; texts are kept per shape (trees are resolved once
     * per plan, so the tree itself is the key).
     */
    public String fetchSelect(Condition where, boolean distinct, FetchTree tree, String orderBy, String paging) {
        return fetchStatements.computeIfAbsent(java.util.List.of(where, distinct, tree, orderBy, paging),
                k -> {
                    if (fetchStatements.size() > 256) {
                        fetchStatements.clear();
                    }
                    return relations.select(statements.matchWhere(where), distinct, shape.returnItems("n"), tree,
                            orderBy, paging);
                });
    }

    public List<T> findAll(Sort sort) {
        return select(Condition.NONE, Map.of(), sort, null, null);
    }

    public Page<T> findAll(Pageable pageable) {
        return page(Condition.NONE, Map.of(), pageable);
    }

    public boolean existsById(Object id) {
        return graph.run(existsByIdStep(id));
    }

    public Step<Boolean> existsByIdStep(Object id) {
        return Step.run(graph.readQuery(statements.exists, Map.of("id", idParameter(id))), true, r -> !r.isEmpty());
    }

    public long count() {
        return graph.run(countStep());
    }

    public Step<Long> countStep() {
        return Step.run(graph.readQuery(statements.count, Map.of()), true, EntityOperations::countOf);
    }

    /** The step counting entities matching {@code where}. */
    public Step<Long> countStep(Condition where, Map<String, ?> params, boolean distinct) {
        return Step.run(graph.readQuery(statements.matchWhere(where) + " RETURN count(" + (distinct ? "DISTINCT " : "")
                + "n)", params), true, EntityOperations::countOf);
    }

    /** The count in a {@code RETURN count(...)} result; 0 when the graph does not exist. */
    static long countOf(QueryResult r) {
        return r.isEmpty() ? 0 : ((IntegerValue) r.scalar()).value();
    }

    /**
     * Entities matching {@code where} (a Cypher condition on {@code n}, or empty), in
     * {@code sort} order, optionally skipping and limiting. SKIP and LIMIT are parameters.
     */
    public List<T> select(Condition where, Map<String, ?> params, Sort sort, Long skip, Long limit) {
        return graph.run(selectStep(where, params, sort, skip, limit));
    }

    public Step<List<T>> selectStep(Condition where, Map<String, ?> params, Sort sort, Long skip, Long limit) {
        return selectStep(where, params, sort, skip, limit, null);
    }

    /** As {@link #selectStep(String, Map, Sort, Long, Long)}, with the relationships of {@code plan}. */
    public Step<List<T>> selectStep(Condition where, Map<String, ?> params, Sort sort, Long skip, Long limit,
                                    FetchPlan plan) {
        FetchTree tree = tree(plan);
        String orderBy = statements.orderBy(sort, skip != null);
        String cypher = tree.isEmpty()
                ? statements.select(where, shape.returnItems("n"), false, orderBy, skip != null, limit != null)
                : fetchSelect(where, false, tree, orderBy, paging(skip != null, limit != null));
        return Step.run(graph.readQuery(cypher, EntityStatements.withPaging(params, skip, limit)), true,
                r -> readAll(r, tree));
    }

    /** {@code SKIP $__skip} and {@code LIMIT $__limit} as needed. */
    public static String paging(boolean skip, boolean limit) {
        return (skip ? " SKIP $__skip" : "") + (limit ? " LIMIT $__limit" : "");
    }

    /** {@code MATCH (n:L) [WHERE ...] RETURN [DISTINCT] items [ORDER BY ...] [SKIP $__skip] [LIMIT $__limit]}. */
    public String selectCypher(Condition where, String returnItems, boolean distinct, String orderBy, boolean skip,
                               boolean limit) {
        return statements.select(where, returnItems, distinct, orderBy, skip, limit);
    }

    /** {@code MATCH (n:L) [WHERE ...]}. */
    public String matchWhere(Condition where) {
        return statements.matchWhere(where);
    }

    /** The parameters plus {@code __skip} and {@code __limit} where given, checked against what the server applies. */
    public static Map<String, Object> withPaging(Map<String, ?> params, Long skip, Long limit) {
        return EntityStatements.withPaging(params, skip, limit);
    }

    /** ORDER BY for a sort (checked against the mapping); with {@code stable}, the id breaks ties. */
    public String orderBy(Sort sort, boolean stable) {
        return statements.orderBy(sort, stable);
    }

    /** ORDER BY continuing {@code prefix}, then {@code sort}, then the id when {@code stable}. */
    public String orderBy(String prefix, Sort sort, boolean stable) {
        return statements.orderBy(prefix, sort, stable);
    }

    /** A page: the rows plus a count query unless the page itself shows the total. */
    public Page<T> page(Condition where, Map<String, ?> params, Pageable pageable) {
        return graph.run(pageStep(where, params, pageable));
    }

    public Step<Page<T>> pageStep(Condition where, Map<String, ?> params, Pageable pageable) {
        return selectStep(where, params, pageable.sort(), pageable.offset(), (long) pageable.size())
                .flatMap(rows -> (QueryMethods.pageShowsTotal(rows.size(), pageable)
                        ? Step.done(pageable.offset() + rows.size())
                        : countStep(where, params, false))
                        .map(total -> (Page<T>) new Chunks.PageImpl<>(rows, pageable, total)));
    }

    /**
     * Keyset scrolling: rows strictly after {@code position} in {@code sort} order, with the id
     * as the final key, so each window is one indexed range query however deep it is.
     */
    public Window<T> scroll(Condition where, Map<String, ?> params, ScrollPosition position, int size, Sort sort) {
        return graph.run(scrollStep(where, params, position, size, sort));
    }

    public Step<Window<T>> scrollStep(Condition where, Map<String, ?> params, ScrollPosition position, int size,
                                      Sort sort) {
        return scrollStep(where, params, position, size, sort, null);
    }

    /** As {@link #scrollStep(String, Map, ScrollPosition, int, Sort)}, with the relationships of {@code plan}. */
    public Step<Window<T>> scrollStep(Condition where, Map<String, ?> params, ScrollPosition position, int size,
                                      Sort sort, FetchPlan plan) {
        if (size < 1 || size >= EntityStatements.MAX_SKIP_OR_LIMIT) {
            throw new IllegalArgumentException("window size must be between 1 and "
                    + (EntityStatements.MAX_SKIP_OR_LIMIT - 1) + ", was " + size);
        }
        List<Sort.Order> keys = statements.scrollKeys(sort);
        Map<String, Object> all = new LinkedHashMap<>(params);
        Condition condition = statements.after(where, all, position, keys);
        return selectStep(condition, all, Sort.by(keys.toArray(Sort.Order[]::new)), null, size + 1L, plan).map(rows -> {
            boolean more = rows.size() > size;
            List<T> content = more ? rows.subList(0, size) : rows;
            ScrollPosition next = position;
            if (!content.isEmpty()) {
                Object last = content.get(content.size() - 1);
                Map<String, Object> k = new LinkedHashMap<>();
                for (Sort.Order o : keys) {
                    k.put(o.property(), statements.sortProperty(o.property()).accessor().get(last));
                }
                next = new ScrollPosition(k);
            }
            return new Window<>(content, more, next);
        });
    }

    /** The id as a parameter value, through the id field's converter. */
    public Object idParameter(Object id) {
        if (id == null) {
            throw new IllegalArgumentException("The id of " + entity.type().getName() + " must not be null");
        }
        if (!Types.box(entity.id().type()).isInstance(id)) {
            throw new IllegalArgumentException("The id of " + entity.type().getName() + " is a "
                    + entity.id().type().getName() + ", not " + id.getClass().getName());
        }
        return entity.id().toGraph(id);
    }

    /** Reads rows produced by {@code RETURN <shape().returnItems("n")>}. */
    public List<T> readAll(QueryResult r) {
        return readAll(r, defaultTree);
    }

    /** Reads rows of the root's read items followed by the branches of {@code tree}. */
    @SuppressWarnings("unchecked")
    public List<T> readAll(QueryResult r, FetchTree tree) {
        List<T> out = new ArrayList<>(r.rows().size());
        if (!hasRelationships) {
            for (List<GraphValue> row : r.rows()) {
                out.add(read(row));
            }
            return out;
        }
        Relations.RowReader reader = relations.reader();
        for (List<GraphValue> row : r.rows()) {
            out.add((T) reader.read(entity, shape, row, tree));
        }
        reader.done();
        return out;
    }

    /** True if the entity maps relationships (rows are then read with {@link #readAll(QueryResult, FetchTree)}). */
    public boolean hasRelationships() {
        return hasRelationships;
    }

    /** Reads one row produced by {@code RETURN <shape().returnItems("n")>}, without relationships. */
    @SuppressWarnings("unchecked")
    private T read(List<GraphValue> row) {
        return (T) shape.read(labelIndex.concreteType(entity, shape.labels(row, 0)), row, 0);
    }

    /**
     * Entities from the first column of a user's query whose final RETURN was rewritten to
     * {@code [typeOf(c), <shape items of c>]} ({@code ExactReturn.rewriteFirstColumnAsEntity}):
     * properties by name and exact doubles in the one reply, no node ids to resolve.
     */
    @SuppressWarnings("unchecked")
    public List<T> readEntityColumn(QueryResult r) {
        List<T> out = new ArrayList<>(r.rows().size());
        Relations.RowReader reader = null;
        for (List<GraphValue> row : r.rows()) {
            List<GraphValue> cell = ((ListValue) row.get(0)).values();
            String type = ((StringValue) cell.get(0)).value();
            if (type.equals("Null")) {
                out.add(null);
            } else if (type.equals("Node")) {
                List<GraphValue> items = cell.subList(1, cell.size());
                if (hasRelationships) {
                    if (reader == null) {
                        reader = relations.reader();
                    }
                    out.add((T) reader.read(entity, shape, items, FetchTree.none()));
                } else {
                    out.add((T) shape.read(labelIndex.concreteType(entity, shape.labels(items, 0)), items, 0));
                }
            } else {
                throw new IllegalArgumentException("Expected a node for " + entity.type().getSimpleName()
                        + " in column 0 but the query returned a " + type
                        + "; return the node variable (RETURN n), or use a projection or scalar type");
            }
        }
        if (reader != null) {
            reader.done();
        }
        return out;
    }

    /**
     * After a user's query read entities from its first column: fills relationship fields from
     * the columns named like them ({@code RETURN p, collect(f) AS friends}), then loads the
     * relationships of {@code plan} (null: the eager defaults) for all of them in one more query
     * by id.
     */
    public Step<List<T>> withRelated(QueryResult r, List<T> roots, FetchPlan plan) {
        if (!hasRelationships) {
            return Step.done(roots);
        }
        Map<PersistentProperty, Integer> columns = new LinkedHashMap<>();
        for (int c = 1; c < r.columns().size(); c++) {
            int index = c;
            entity.relationship(r.columns().get(c)).ifPresent(f -> columns.put(f, index));
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        columns.keySet().forEach(f -> named.add(f.javaName()));
        // the plan loads the other relationships: a column says exactly what its field holds
        FetchTree tree = tree(plan).without(named);
        Step<List<T>> fetched = Step.done(roots);
        List<Object> ids = new ArrayList<>();
        for (T root : roots) {
            if (root != null) {
                ids.add(entity.id().toGraph(entity.idOf(root)));
            }
        }
        if (!tree.isEmpty() && !ids.isEmpty()) {
            String cypher = fetchSelect(Condition.of("n." + entity.id().quotedName() + " IN $ids"), false, tree, "", "");
            fetched = Step.run(graph.readQuery(cypher, Map.of("ids", ids)), true, rows -> {
                Map<Object, T> byId = new HashMap<>();
                for (T t : readAll(rows, tree)) {
                    byId.put(entity.id().toGraph(entity.idOf(t)), t);
                }
                List<T> out = new ArrayList<>(roots.size());
                for (T root : roots) {
                    out.add(root == null ? null : byId.getOrDefault(entity.id().toGraph(entity.idOf(root)), root));
                }
                return out;
            });
        }
        if (columns.isEmpty()) {
            return fetched;
        }
        return fetched.flatMap(owners -> {
            List<Object> ownerIds = new ArrayList<>();
            for (T o : owners) {
                ownerIds.add(o == null ? null : entity.id().toGraph(entity.idOf(o)));
            }
            Step<Void> attached = Step.done(null);
            for (Map.Entry<PersistentProperty, Integer> c : columns.entrySet()) {
                List<GraphValue> cells = new ArrayList<>(r.rows().size());
                for (List<GraphValue> row : r.rows()) {
                    cells.add(row.get(c.getValue()));
                }
                Step<Void> previous = attached;
                attached = previous.flatMap(ignored -> relations.attach(c.getKey(), new ArrayList<>(owners), ownerIds,
                        cells));
            }
            return attached.map(ignored -> owners);
        });
    }

    /**
     * Entities from nodes in column {@code column} of a query the user wrote. The transport has
     * checked that the node's property names are current. Its reply carries doubles rounded to
     * 15 digits, so for entities with double properties the exact values are fetched by id in
     * one more query (reads must never lose data).
     */
    @SuppressWarnings("unchecked")
    public Step<List<T>> readNodesStep(QueryResult r, int column) {
        if (!shape.hasExactReads() && !hasRelationships) {
            // the nodes as they came; entities with relationships are read again by id below, so
            // that their lazy containers and stored state are those of a read (not a bare instance)
            List<T> out = new ArrayList<>(r.rows().size());
            for (List<GraphValue> row : r.rows()) {
                NodeValue n = nodeAt(row, column);
                out.add(n == null ? null : (T) ReadShape.readNode(labelIndex.concreteType(entity, n.labels()), n));
            }
            return Step.done(out);
        }
        List<Object> ids = new ArrayList<>();
        for (List<GraphValue> row : r.rows()) {
            NodeValue n = nodeAt(row, column);
            if (n != null) {
                ids.add(n.property(entity.id().graphName()).asJava());
            }
        }
        if (ids.isEmpty()) {
            List<T> nulls = new ArrayList<>();
            r.rows().forEach(row -> nulls.add(null));
            return Step.done(nulls);
        }
        String refetch = statements.findAllById.replace("RETURN ", "RETURN n." + entity.id().quotedName() + ", ");
        return Step.run(graph.readQuery(refetch, Map.of("ids", ids)), true, exactRows -> {
            Map<Object, T> exact = new HashMap<>();
            Relations.RowReader reader = hasRelationships ? relations.reader() : null;
            for (List<GraphValue> row : exactRows.rows()) {
                List<GraphValue> items = row.subList(1, row.size());
                exact.put(row.get(0).asJava(), reader == null ? read(items)
                        : (T) reader.read(entity, shape, items, FetchTree.none()));
            }
            if (reader != null) {
                reader.done();
            }
            List<T> out = new ArrayList<>(r.rows().size());
            for (List<GraphValue> row : r.rows()) {
                NodeValue n = nodeAt(row, column);
                out.add(n == null ? null : exact.get(n.property(entity.id().graphName()).asJava()));
            }
            return out;
        });
    }

    private NodeValue nodeAt(List<GraphValue> row, int column) {
        GraphValue v = row.get(column);
        if (v instanceof NodeValue n) {
            return n;
        }
        if (v.isNull()) {
            return null;
        }
        throw new IllegalArgumentException("Expected a node for " + entity.type().getSimpleName() + " in column "
                + column + " but the query returned " + v.getClass().getSimpleName()
                + "; return the node variable (RETURN n), or use a projection or scalar type");
    }

}
