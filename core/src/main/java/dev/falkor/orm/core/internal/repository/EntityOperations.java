package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Slice;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.Types;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.LabelIndex;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.ReadShape;
import dev.falkor.orm.core.internal.query.Int64;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.wire.ParameterEncoder;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.NodeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cypher behind CRUD for one entity type. Statements are built once from the mapping;
 * at run time only parameters change. Every write of entities is one UNWIND statement per
 * batch, so {@code saveAll} of 1,000 entities is one round trip, not 1,000.
 */
public final class EntityOperations<T> {
    private final EntityMetadata entity;
    private final MappingContext mapping;
    private final GraphAccess graph;
    private final int batchSize;

    private final String matchClause;
    private final String saveCypher;
    private final String findByIdCypher;
    private final String findAllByIdCypher;
    private final String findAllCypher;
    private final String existsCypher;
    private final String countCypher;
    private final String deleteByIdsCypher;
    private final String deleteAllCypher;

    private final SchemaManager schema;
    private final String mapKeysCypher;

    private final LabelIndex labelIndex;
    private final ReadShape shape;

    public EntityOperations(EntityMetadata entity, MappingContext mapping, GraphAccess graph, SchemaManager schema,
                            int batchSize, LabelIndex labelIndex) {
        this.entity = entity;
        this.labelIndex = labelIndex;
        this.mapping = mapping;
        this.graph = graph;
        this.schema = schema;
        this.batchSize = batchSize;
        String match = "MATCH (n:" + Identifiers.quote(entity.primaryLabel()) + ")";
        String idProp = "n." + entity.id().quotedName();
        this.matchClause = match;
        this.saveCypher = saveStatement(entity);
        this.shape = labelIndex.shape(entity);
        this.findByIdCypher = match + " WHERE " + idProp + " = $id RETURN " + shape.returnItems("n");
        this.findAllByIdCypher = match + " WHERE " + idProp + " IN $ids RETURN " + shape.returnItems("n");
        this.findAllCypher = match + " RETURN " + shape.returnItems("n");
        this.existsCypher = match + " WHERE " + idProp + " = $id RETURN " + idProp + " LIMIT 1";
        this.countCypher = match + " RETURN count(n)";
        this.deleteByIdsCypher = match + " WHERE " + idProp + " IN $ids DELETE n";
        this.deleteAllCypher = match + " DELETE n";
        this.mapKeysCypher = mapKeysStatement(entity);
    }

    /** Reads the stored keys of every Map property, so entries removed from a map are removed from the node. */
    private static String mapKeysStatement(EntityMetadata entity) {
        List<String> prefixes = new ArrayList<>();
        for (PersistentProperty p : entity.properties()) {
            if (p.kind() == PersistentProperty.Kind.MAP) {
                // graph names are validated identifiers: safe inside a quoted literal
                prefixes.add("__k STARTS WITH '" + p.graphName() + ".'");
            }
        }
        if (prefixes.isEmpty()) {
            return null;
        }
        return "MATCH (n:" + Identifiers.quote(entity.idLabel()) + ") WHERE n." + entity.id().quotedName()
                + " IN $ids RETURN n." + entity.id().quotedName() + ", [__k IN keys(n) WHERE "
                + String.join(" OR ", prefixes) + "]";
    }

    /**
     * {@code UNWIND $rows AS row MERGE (n:L {id: row.id}) SET n += row.props ...}: {@code +=}
     * updates the mapped properties only; each row carries every mapped property, null ones as
     * {@code null}, which removes them. Properties the mapping does not know stay as they are.
     */
    private static String saveStatement(EntityMetadata entity) {
        StringBuilder sb = new StringBuilder("UNWIND $rows AS row MERGE (n:")
                .append(Identifiers.quote(entity.idLabel())).append(" {")
                .append(entity.id().quotedName()).append(": row.id}) SET n += row.props");
        StringBuilder extraLabels = new StringBuilder();
        for (String label : entity.labels()) {
            if (!label.equals(entity.idLabel())) {
                extraLabels.append(':').append(Identifiers.quote(label));
            }
        }
        if (extraLabels.length() > 0) {
            sb.append(", n").append(extraLabels);
        }
        for (PersistentProperty p : entity.properties()) {
            String target = "n." + p.quotedName();
            String source = "row.props." + p.quotedName();
            if (p.isInterned()) {
                sb.append(", ").append(target).append(" = intern(").append(source).append(')');
            } else if (p.kind() == PersistentProperty.Kind.VECTOR) {
                sb.append(", ").append(target).append(" = vecf32(").append(source).append(')');
            }
        }
        return sb.toString();
    }

    /** How rows of this entity are read; the RETURN items of every mapper read of it. */
    public ReadShape shape() {
        return shape;
    }

    public EntityMetadata metadata() {
        return entity;
    }

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
        List<T> saved = new ArrayList<>();
        Map<Object, Map<String, Object>> rows = new LinkedHashMap<>();
        for (T e : entities) {
            if (e == null) {
                throw new InvalidEntityException("Cannot save null as " + entity.type().getName());
            }
            T withId = assignId(e);
            Object id = entity.idOf(withId);
            Map<String, Object> row = new LinkedHashMap<>(2);
            try {
                Object graphId = entity.id().toGraph(id);
                row.put("id", graphId);
                row.put("props", entity.toGraph(withId, true));
            } catch (IllegalArgumentException ex) {
                throw new InvalidEntityException("Cannot save " + entity.type().getName() + " with id " + id + ": "
                        + ex.getMessage(), ex);
            }
            check(row, id);
            Object key = row.get("id");
            rows.remove(key); // the last state wins, keeping the order of the last occurrence
            rows.put(key, row);
            saved.add(withId);
        }
        List<Map<String, Object>> all = new ArrayList<>(rows.values());
        if (mapKeysCypher != null) {
            removeStaleMapEntries(all);
        }
        for (int from = 0; from < all.size(); from += batchSize) {
            schema.write(entity, saveCypher, all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        return saved;
    }

    /** Rejects what the server cannot hold (NaN, NUL, ...) naming entity, id and property, never the value. */
    private void check(Map<String, Object> row, Object id) {
        String[] idProblem = ParameterEncoder.check(row.get("id"));
        if (idProblem != null) {
            throw invalid(id, entity.id().javaName(), idProblem);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) row.get("props");
        for (Map.Entry<String, Object> p : props.entrySet()) {
            String[] problem = ParameterEncoder.check(p.getValue());
            if (problem != null) {
                throw invalid(id, p.getKey(), problem);
            }
        }
    }

    private InvalidEntityException invalid(Object id, String property, String[] problem) {
        return new InvalidEntityException("Cannot save " + entity.type().getName() + " with id " + id
                + ": property '" + property + problem[0] + "': " + problem[1] + ". Nothing was written");
    }

    /** Adds a null for every stored entry of a Map property that the entity's map no longer has. */
    @SuppressWarnings("unchecked")
    private void removeStaleMapEntries(List<Map<String, Object>> rows) {
        Map<Object, Map<String, Object>> byId = new java.util.HashMap<>();
        for (Map<String, Object> r : rows) {
            byId.put(r.get("id"), (Map<String, Object>) r.get("props"));
        }
        List<Object> ids = new ArrayList<>(byId.keySet());
        for (int from = 0; from < ids.size(); from += batchSize) {
            QueryResult r = graph.read(mapKeysCypher, Map.of("ids", ids.subList(from, Math.min(ids.size(), from + batchSize))));
            for (List<GraphValue> row : r.rows()) {
                Map<String, Object> props = byId.get(row.get(0).asJava());
                if (props == null) {
                    continue;
                }
                for (GraphValue k : ((dev.falkor.orm.spi.value.ListValue) row.get(1)).values()) {
                    props.putIfAbsent(((dev.falkor.orm.spi.value.StringValue) k).value(), null);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private T assignId(T e) {
        PersistentProperty id = entity.id();
        if (id.accessor().get(e) != null) {
            return e;
        }
        if (id.generator() == null) {
            throw new InvalidEntityException("Cannot save " + entity.type().getName() + ": its id " + id.javaName()
                    + " is null and the field has no @GeneratedValue");
        }
        Object generated = id.generator().generate(id.type(), entity.type());
        return (T) entity.withId(e, generated);
    }

    public Optional<T> findById(Object id) {
        QueryResult r = graph.read(findByIdCypher, Map.of("id", idParameter(id)));
        return r.isEmpty() ? Optional.empty() : Optional.of(read(r.rows().get(0)));
    }

    public List<T> findAllById(Iterable<?> ids) {
        List<Object> params = new ArrayList<>();
        for (Object id : ids) {
            params.add(idParameter(id));
        }
        if (params.isEmpty()) {
            return List.of();
        }
        return readAll(graph.read(findAllByIdCypher, Map.of("ids", params)));
    }

    public List<T> findAll() {
        return readAll(graph.read(findAllCypher, Map.of()));
    }

    public List<T> findAll(Sort sort) {
        return select("", Map.of(), sort, null, null);
    }

    public Page<T> findAll(Pageable pageable) {
        return page("", Map.of(), pageable);
    }

    /**
     * Entities matching {@code where} (a Cypher condition on {@code n}, or empty), in
     * {@code sort} order, optionally skipping and limiting. SKIP and LIMIT are parameters.
     */
    public List<T> select(String where, Map<String, ?> params, Sort sort, Long skip, Long limit) {
        return readAll(graph.read(selectCypher(where, shape.returnItems("n"), false, orderBy(sort, skip != null),
                skip != null, limit != null), withPaging(params, skip, limit)));
    }

    /**
     * {@code MATCH (n:L) [WHERE ...] RETURN [DISTINCT] items [ORDER BY ...] [SKIP $__skip] [LIMIT $__limit]}.
     */
    public String selectCypher(String where, String returnItems, boolean distinct, String orderBy, boolean skip,
                               boolean limit) {
        StringBuilder cypher = new StringBuilder(matchClause).append(whereClause(where)).append(" RETURN ")
                .append(distinct ? "DISTINCT " : "").append(returnItems).append(orderBy);
        if (skip) {
            cypher.append(" SKIP $__skip");
        }
        if (limit) {
            cypher.append(" LIMIT $__limit");
        }
        return cypher.toString();
    }

    /** {@code MATCH (n:L) [WHERE ...]}. */
    public String matchWhere(String where) {
        return matchClause + whereClause(where);
    }

    /**
     * The largest SKIP and LIMIT FalkorDB applies correctly: it keeps only the low 32 bits of
     * SKIP ({@code SKIP 4294967296} skips nothing), so offsets beyond this are refused.
     */
    public static final long MAX_SKIP_OR_LIMIT = Integer.MAX_VALUE;

    /**
     * The parameters plus {@code __skip} and {@code __limit} where given.
     *
     * @throws IllegalArgumentException if either is negative or beyond what the server applies
     */
    public static Map<String, Object> withPaging(Map<String, ?> params, Long skip, Long limit) {
        if (skip != null && (skip < 0 || skip > MAX_SKIP_OR_LIMIT)) {
            throw new IllegalArgumentException("Cannot skip " + skip + " rows: FalkorDB applies offsets up to "
                    + MAX_SKIP_OR_LIMIT + " only; page deeper with keyset scrolling (Window/ScrollPosition)");
        }
        if (limit != null && (limit < 0 || limit > MAX_SKIP_OR_LIMIT)) {
            throw new IllegalArgumentException("Cannot limit to " + limit + " rows: FalkorDB applies limits up to "
                    + MAX_SKIP_OR_LIMIT + " only");
        }
        Map<String, Object> all = new LinkedHashMap<>(params);
        if (skip != null) {
            all.put("__skip", skip);
        }
        if (limit != null) {
            all.put("__limit", limit);
        }
        return all;
    }

    /** The graph this entity lives in. */
    public GraphAccess graph() {
        return graph;
    }

    /** Number of entities matching {@code where}. */
    public long count(String where, Map<String, ?> params) {
        return countOf(graph.read(matchClause + whereClause(where) + " RETURN count(n)", params));
    }

    /** The count in a {@code RETURN count(...)} result; 0 when the graph does not exist. */
    static long countOf(QueryResult r) {
        return r.isEmpty() ? 0 : ((IntegerValue) r.scalar()).value();
    }

    /** A page: the rows plus a count query. */
    public Page<T> page(String where, Map<String, ?> params, Pageable pageable) {
        List<T> rows = select(where, params, pageable.sort(), pageable.offset(), (long) pageable.size());
        long total = rows.size() < pageable.size() && (!rows.isEmpty() || pageable.offset() == 0)
                ? pageable.offset() + rows.size() // the last page tells the total without counting
                : count(where, params);
        return new Chunks.PageImpl<>(rows, pageable, total);
    }

    /** A slice: fetches one row more than asked to know whether another slice follows. */
    public Slice<T> slice(String where, Map<String, ?> params, Pageable pageable) {
        List<T> rows = select(where, params, pageable.sort(), pageable.offset(), pageable.size() + 1L);
        boolean more = rows.size() > pageable.size();
        return new Chunks.SliceImpl<>(more ? rows.subList(0, pageable.size()) : rows, pageable, more);
    }

    /**
     * Keyset scrolling: rows strictly after {@code position} in {@code sort} order, with the id
     * as the final key, so each window is one indexed range query however deep it is.
     */
    public Window<T> scroll(String where, Map<String, ?> params, ScrollPosition position, int size, Sort sort) {
        if (size < 1 || size >= MAX_SKIP_OR_LIMIT) {
            throw new IllegalArgumentException("window size must be between 1 and " + (MAX_SKIP_OR_LIMIT - 1)
                    + ", was " + size);
        }
        checkSort(sort);
        List<Sort.Order> keys = new ArrayList<>(sort.orders());
        keys.removeIf(o -> o.property().equals(entity.id().javaName()));
        Sort.Direction idDirection = keys.isEmpty() ? Sort.Direction.ASC : keys.get(keys.size() - 1).direction();
        keys.add(new Sort.Order(entity.id().javaName(), idDirection, false));
        Map<String, Object> all = new LinkedHashMap<>(params);
        String condition = where;
        if (!position.isInitial()) {
            // Rows after the position in (k1, k2, ..., id) order, where the server sorts nulls
            // last ascending and first descending: OR over i of (k1..k(i-1) equal AND ki after).
            StringBuilder or = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                StringBuilder and = new StringBuilder();
                boolean impossible = false;
                for (int j = 0; j <= i; j++) {
                    Sort.Order o = keys.get(j);
                    PersistentProperty p = sortProperty(o.property());
                    if (!position.keys().containsKey(o.property())) {
                        throw new IllegalArgumentException("Scroll position lacks a value for sort key '"
                                + o.property() + "'; use the position of the previous window");
                    }
                    Object value = p.toGraph(position.keys().get(o.property()));
                    String lhs = sortExpression(p, o);
                    String term;
                    if (value == null) {
                        if (j < i) {
                            term = lhs + " IS NULL";
                        } else if (o.direction() == Sort.Direction.DESC) {
                            term = lhs + " IS NOT NULL"; // nulls come first descending
                        } else {
                            impossible = true; // nothing sorts after null ascending
                            break;
                        }
                    } else {
                        String param = "__k" + j;
                        all.put(param, value);
                        String rhs = o.ignoreCase() ? "toLower($" + param + ")" : "$" + param;
                        boolean int64 = !o.ignoreCase() && Int64.applies(p.type());
                        if (j < i) {
                            term = lhs + " = " + rhs;
                        } else if (o.direction() == Sort.Direction.ASC) {
                            term = "(" + (int64 ? Int64.greater(lhs, rhs) : lhs + " > " + rhs) + " OR " + lhs + " IS NULL)";
                        } else {
                            term = int64 ? Int64.less(lhs, rhs) : lhs + " < " + rhs;
                        }
                    }
                    and.append(j == 0 ? "" : " AND ").append(term);
                }
                if (!impossible) {
                    or.append(or.length() == 0 ? "(" : " OR (").append(and).append(')');
                }
            }
            String after = or.length() == 0 ? "false" : or.toString();
            condition = where.isEmpty() ? after : "(" + where + ") AND (" + after + ")";
        }
        List<T> rows = select(condition, all, Sort.by(keys.toArray(Sort.Order[]::new)), null, size + 1L);
        boolean more = rows.size() > size;
        List<T> content = more ? rows.subList(0, size) : rows;
        ScrollPosition next = position;
        if (!content.isEmpty()) {
            Object last = content.get(content.size() - 1);
            Map<String, Object> k = new LinkedHashMap<>();
            for (Sort.Order o : keys) {
                k.put(o.property(), sortProperty(o.property()).accessor().get(last));
            }
            next = new ScrollPosition(k);
        }
        return new Window<>(content, more, next);
    }

    private String whereClause(String where) {
        return where == null || where.isEmpty() ? "" : " WHERE " + where;
    }

    /**
     * ORDER BY for a sort, with every property checked against the mapping. When paging, the
     * id is appended as a tie-breaker so pages never overlap or skip rows.
     */
    public String orderBy(Sort sort, boolean stable) {
        return orderBy("", sort, stable);
    }

    /**
     * ORDER BY continuing {@code prefix} (an ORDER BY clause rendered from a method name, or
     * empty), then {@code sort}, then the id when {@code stable}.
     */
    public String orderBy(String prefix, Sort sort, boolean stable) {
        checkSort(sort);
        List<String> items = new ArrayList<>();
        boolean hasId = false;
        for (Sort.Order o : sort) {
            PersistentProperty p = sortProperty(o.property());
            hasId |= p.isId();
            String direction = o.direction() == Sort.Direction.ASC ? "ASC" : "DESC";
            items.add(!o.ignoreCase() && Int64.applies(p.type()) ? Int64.orderItems(sortExpression(p, o), direction)
                    : sortExpression(p, o) + " " + direction);
        }
        String idKey = "n." + entity.id().quotedName();
        if (stable && !hasId && !prefix.contains(idKey)) {
            items.add(Int64.applies(entity.id().type()) ? Int64.orderItems(idKey, "ASC") : idKey + " ASC");
        }
        String head = prefix.strip();
        if (items.isEmpty()) {
            return head.isEmpty() ? "" : " " + head;
        }
        return head.isEmpty() ? " ORDER BY " + String.join(", ", items) : " " + head + ", " + String.join(", ", items);
    }

    private static String sortExpression(PersistentProperty p, Sort.Order o) {
        String e = "n." + p.quotedName();
        return o.ignoreCase() ? "toLower(" + e + ")" : e;
    }

    private PersistentProperty sortProperty(String javaName) {
        PersistentProperty p = entity.property(javaName).orElseThrow(() -> new IllegalArgumentException(
                "Cannot sort " + entity.type().getSimpleName() + " by '" + javaName + "': no such property; known: "
                        + entity.properties().stream().map(PersistentProperty::javaName).toList()));
        if (p.kind() != PersistentProperty.Kind.SCALAR || p.isCollection()) {
            throw new IllegalArgumentException("Cannot sort " + entity.type().getSimpleName() + " by '" + javaName
                    + "': only single-valued properties can be sort keys");
        }
        return p;
    }

    /** Checks a sort against the mapping before anything is sent: known properties, ignore-case on text only. */
    public void checkSort(Sort sort) {
        for (Sort.Order o : sort) {
            PersistentProperty p = sortProperty(o.property());
            if (o.ignoreCase() && !isText(p)) {
                throw new IllegalArgumentException("Cannot sort " + entity.type().getSimpleName() + " by '"
                        + o.property() + "' ignoring case: it is stored as " + p.type().getSimpleName()
                        + ", not as text");
            }
        }
    }

    private static boolean isText(PersistentProperty p) {
        Class<?> t = p.type();
        // numbers and booleans are stored as such (toLower fails on them); converted types as text
        return t == char.class || (!t.isPrimitive() && !Number.class.isAssignableFrom(t) && t != Boolean.class);
    }

    public boolean existsById(Object id) {
        return !graph.read(existsCypher, Map.of("id", idParameter(id))).isEmpty();
    }

    public long count() {
        return countOf(graph.read(countCypher, Map.of()));
    }

    public void deleteById(Object id) {
        graph.idempotentWrite(deleteByIdsCypher, Map.of("ids", List.of(idParameter(id))));
    }

    public void delete(T e) {
        deleteById(entity.idOf(e));
    }

    public void deleteAll() {
        graph.idempotentWrite(deleteAllCypher, Map.of());
    }

    public void deleteAll(Iterable<? extends T> entities) {
        List<Object> ids = new ArrayList<>();
        for (T e : entities) {
            ids.add(idParameter(entity.idOf(e)));
        }
        for (int from = 0; from < ids.size(); from += batchSize) {
            graph.idempotentWrite(deleteByIdsCypher, Map.of("ids", ids.subList(from, Math.min(ids.size(), from + batchSize))));
        }
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

    /** Reads rows produced by {@code RETURN <returnItems("n")>}. */
    public List<T> readAll(QueryResult r) {
        List<T> out = new ArrayList<>(r.rows().size());
        for (List<GraphValue> row : r.rows()) {
            out.add(read(row));
        }
        return out;
    }

    /**
     * Entities from nodes in column {@code column} of a query the user wrote. The transport has
     * checked that the node's property names are current. Its reply carries doubles rounded to
     * 15 digits, so for entities with double properties the exact values are fetched by id in
     * one more query (reads must never lose data).
     */
    public List<T> readNodes(QueryResult r, int column) {
        List<T> out = new ArrayList<>(r.rows().size());
        if (!shape.hasExactReads()) {
            for (List<GraphValue> row : r.rows()) {
                NodeValue n = nodeAt(row, column);
                out.add(n == null ? null : readNode(n));
            }
            return out;
        }
        List<Object> ids = new ArrayList<>();
        for (List<GraphValue> row : r.rows()) {
            NodeValue n = nodeAt(row, column);
            if (n != null) {
                ids.add(n.property(entity.id().graphName()).asJava());
            }
        }
        Map<Object, T> exact = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            for (List<GraphValue> row : graph.read(findAllByIdCypher.replace("RETURN ", "RETURN n." + entity.id().quotedName()
                    + ", "), Map.of("ids", ids)).rows()) {
                exact.put(row.get(0).asJava(), read(row.subList(1, row.size())));
            }
        }
        for (List<GraphValue> row : r.rows()) {
            NodeValue n = nodeAt(row, column);
            out.add(n == null ? null : exact.get(n.property(entity.id().graphName()).asJava()));
        }
        return out;
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

    @SuppressWarnings("unchecked")
    private T readNode(NodeValue n) {
        return (T) ReadShape.readNode(concreteType(n.labels()), n);
    }

    /** Reads a row produced by {@code RETURN <returnItems("n")>}. */
    @SuppressWarnings("unchecked")
    public T read(List<GraphValue> row) {
        return (T) shape.read(concreteType(shape.labels(row, 0)), row, 0);
    }

    /** The most specific declared entity type that a node with these labels fits (polymorphic reads). */
    private EntityMetadata concreteType(List<String> labels) {
        return labelIndex.concreteType(entity, labels);
    }

}
