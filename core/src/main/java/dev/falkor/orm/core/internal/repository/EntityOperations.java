package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.NodeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    private final String saveCypher;
    private final String findByIdCypher;
    private final String findAllByIdCypher;
    private final String findAllCypher;
    private final String existsCypher;
    private final String countCypher;
    private final String deleteByIdsCypher;
    private final String deleteAllCypher;

    public EntityOperations(EntityMetadata entity, MappingContext mapping, GraphAccess graph, int batchSize) {
        this.entity = entity;
        this.mapping = mapping;
        this.graph = graph;
        this.batchSize = batchSize;
        String match = "MATCH (n:" + Identifiers.quote(entity.primaryLabel()) + ")";
        String idProp = "n." + entity.id().quotedName();
        this.saveCypher = saveStatement(entity);
        this.findByIdCypher = match + " WHERE " + idProp + " = $id RETURN " + entity.returnItems("n");
        this.findAllByIdCypher = match + " WHERE " + idProp + " IN $ids RETURN " + entity.returnItems("n");
        this.findAllCypher = match + " RETURN " + entity.returnItems("n");
        this.existsCypher = match + " WHERE " + idProp + " = $id RETURN " + idProp + " LIMIT 1";
        this.countCypher = match + " RETURN count(n)";
        this.deleteByIdsCypher = match + " WHERE " + idProp + " IN $ids DELETE n";
        this.deleteAllCypher = match + " DELETE n";
    }

    private static String saveStatement(EntityMetadata entity) {
        StringBuilder sb = new StringBuilder("UNWIND $rows AS row MERGE (n:")
                .append(Identifiers.quote(entity.idLabel())).append(" {")
                .append(entity.id().quotedName()).append(": row.id}) SET n = row.props");
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

    public EntityMetadata metadata() {
        return entity;
    }

    /** Saves one entity; returns it (a new instance for records that got a generated id). */
    public T save(T e) {
        return saveAll(List.of(e)).get(0);
    }

    /** Saves entities in UNWIND batches; every entity is validated before anything is sent. */
    public List<T> saveAll(Iterable<? extends T> entities) {
        List<T> saved = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (T e : entities) {
            if (e == null) {
                throw new InvalidEntityException("Cannot save null as " + entity.type().getName());
            }
            T withId = assignId(e);
            Object id = entity.idOf(withId);
            Map<String, Object> row = new LinkedHashMap<>(2);
            try {
                row.put("id", entity.id().toGraph(id));
                row.put("props", entity.toGraph(withId));
            } catch (IllegalArgumentException ex) {
                throw new InvalidEntityException("Cannot save " + entity.type().getName() + " with id " + id + ": "
                        + ex.getMessage(), ex);
            }
            if (!seen.add(row.get("id"))) {
                // the last state of an entity given twice wins, as if saved one after another
                rows.removeIf(r -> r.get("id").equals(row.get("id")));
            }
            rows.add(row);
            saved.add(withId);
        }
        for (int from = 0; from < rows.size(); from += batchSize) {
            graph.write(saveCypher, Map.of("rows", rows.subList(from, Math.min(rows.size(), from + batchSize))));
        }
        return saved;
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

    public boolean existsById(Object id) {
        return !graph.read(existsCypher, Map.of("id", idParameter(id))).isEmpty();
    }

    public long count() {
        return ((IntegerValue) graph.read(countCypher, Map.of()).scalar()).value();
    }

    public void deleteById(Object id) {
        graph.write(deleteByIdsCypher, Map.of("ids", List.of(idParameter(id))));
    }

    public void delete(T e) {
        deleteById(entity.idOf(e));
    }

    public void deleteAll() {
        graph.write(deleteAllCypher, Map.of());
    }

    public void deleteAll(Iterable<? extends T> entities) {
        List<Object> ids = new ArrayList<>();
        for (T e : entities) {
            ids.add(idParameter(entity.idOf(e)));
        }
        for (int from = 0; from < ids.size(); from += batchSize) {
            graph.write(deleteByIdsCypher, Map.of("ids", ids.subList(from, Math.min(ids.size(), from + batchSize))));
        }
    }

    /** The id as a parameter value, through the id field's converter. */
    public Object idParameter(Object id) {
        if (id == null) {
            throw new IllegalArgumentException("The id of " + entity.type().getName() + " must not be null");
        }
        if (!boxed(entity.id().type()).isInstance(id)) {
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

    @SuppressWarnings("unchecked")
    public T read(List<GraphValue> row) {
        return (T) concreteType((NodeValue) row.get(0)).read(row, 0);
    }

    /** The most specific registered entity type that this node's labels fit (polymorphic reads). */
    private EntityMetadata concreteType(NodeValue node) {
        EntityMetadata best = entity;
        if (node.labels().size() <= entity.labels().size()) {
            return best;
        }
        for (EntityMetadata candidate : mapping.entities()) {
            if (entity.type().isAssignableFrom(candidate.type()) && node.labels().containsAll(candidate.labels())
                    && candidate.labels().size() > best.labels().size()
                    && candidate.returnItems("n").equals(entity.returnItems("n"))) {
                best = candidate;
            }
        }
        return best;
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == long.class ? Long.class : c == int.class ? Integer.class : c == short.class ? Short.class
                : c == byte.class ? Byte.class : c == boolean.class ? Boolean.class : c == char.class ? Character.class
                : c == float.class ? Float.class : Double.class;
    }
}
