package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.wire.ExactDoubles;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the mapper knows about one entity class, built once and validated at
 * bootstrap: labels, the id, the mapped properties, how to create instances, and the Cypher
 * fragments that depend only on the mapping.
 */
public final class EntityMetadata {
    private final Class<?> type;
    private final List<String> labels;
    private final String idLabel;
    private final PersistentProperty id;
    private final List<PersistentProperty> properties;
    private final Map<String, PersistentProperty> byJavaName;
    private final List<PersistentProperty> exactReads;
    private final MethodHandle constructor;
    private final List<PersistentProperty> constructorArguments;
    private final String nodeReturnItems;

    EntityMetadata(Class<?> type, List<String> labels, String idLabel, PersistentProperty id,
                   List<PersistentProperty> properties, MethodHandle constructor,
                   List<PersistentProperty> constructorArguments) {
        this.type = type;
        this.labels = List.copyOf(labels);
        this.idLabel = idLabel;
        this.id = id;
        this.properties = List.copyOf(properties);
        Map<String, PersistentProperty> names = new LinkedHashMap<>();
        List<PersistentProperty> exact = new ArrayList<>();
        for (PersistentProperty p : properties) {
            names.put(p.javaName(), p);
            if (p.needsExactRead()) {
                exact.add(p);
            }
        }
        this.byJavaName = Collections.unmodifiableMap(names);
        this.exactReads = List.copyOf(exact);
        this.constructor = constructor;
        this.constructorArguments = Collections.unmodifiableList(new ArrayList<>(constructorArguments));
        this.nodeReturnItems = returnItems("n");
    }

    /**
     * True if rows produced by {@code other}'s {@link #returnItems} can be read by this entity
     * (same exact-double columns): a condition for reading a node as a subclass.
     */
    public boolean readsRowsOf(EntityMetadata other) {
        return nodeReturnItems.equals(other.nodeReturnItems);
    }

    public Class<?> type() { return type; }
    /** All labels, primary (own) label first. */
    public List<String> labels() { return labels; }
    /** The label queries match on: the entity's own primary label. */
    public String primaryLabel() { return labels.get(0); }
    /**
     * The label under which ids are unique: the primary label of the top-most mapped class in
     * the hierarchy. Saves MERGE on it, so a subclass never duplicates a parent's node.
     */
    public String idLabel() { return idLabel; }
    public PersistentProperty id() { return id; }
    public List<PersistentProperty> properties() { return properties; }

    public Optional<PersistentProperty> property(String javaName) {
        return Optional.ofNullable(byJavaName.get(javaName));
    }

    /** {@code :`A`:`B`} for all labels. */
    public String labelExpression() {
        StringBuilder sb = new StringBuilder();
        for (String l : labels) {
            sb.append(':').append(Identifiers.quote(l));
        }
        return sb.toString();
    }

    /** The id value of {@code entity}. */
    public Object idOf(Object entity) {
        return id.accessor().get(entity);
    }

    /** The node's properties for {@code entity}, as parameter values (null properties omitted). */
    public Map<String, Object> toGraph(Object entity) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PersistentProperty p : properties) {
            Object value = p.accessor().get(entity);
            if (value == null) {
                continue;
            }
            if (p.kind() == PersistentProperty.Kind.MAP) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (!(e.getKey() instanceof String key) || key.isEmpty() || key.indexOf('`') >= 0) {
                        throw new IllegalArgumentException(p.describe() + ": map keys must be non-empty strings "
                                + "without back-quotes, found '" + e.getKey() + "'");
                    }
                    if (e.getValue() != null) {
                        out.put(p.graphName() + "." + key, p.toGraph(e.getValue()));
                    }
                }
            } else {
                Object stored = p.toGraph(value);
                if (stored != null) {
                    out.put(p.graphName(), stored);
                }
            }
        }
        return out;
    }

    /**
     * The RETURN items for a node variable: the node, plus one list with the exact form of
     * every double-valued property (the server's reply rounds doubles to 15 digits).
     */
    public String returnItems(String variable) {
        if (exactReads.isEmpty()) {
            return variable;
        }
        StringBuilder sb = new StringBuilder(variable).append(", [");
        for (int i = 0; i < exactReads.size(); i++) {
            PersistentProperty p = exactReads.get(i);
            String expr = variable + "." + p.quotedName();
            sb.append(i == 0 ? "" : ", ")
                    .append(p.exactReadIsList() ? ExactDoubles.listExpression(expr) : ExactDoubles.expression(expr));
        }
        return sb.append(']').toString();
    }

    /** Number of result columns {@link #returnItems} produces. */
    public int returnColumns() {
        return exactReads.isEmpty() ? 1 : 2;
    }

    /** Builds an entity from a row produced by {@link #returnItems}, starting at {@code column}. */
    public Object read(List<GraphValue> row, int column) {
        NodeValue node = (NodeValue) row.get(column);
        Map<String, GraphValue> exact = exactReads.isEmpty() ? Map.of() : exactValues(row.get(column + 1));
        return instantiate(node, exact);
    }

    private Map<String, GraphValue> exactValues(GraphValue column) {
        List<GraphValue> triples = ((ListValue) column).values();
        Map<String, GraphValue> out = new HashMap<>();
        for (int i = 0; i < exactReads.size(); i++) {
            PersistentProperty p = exactReads.get(i);
            GraphValue t = triples.get(i);
            if (t instanceof NullValue) {
                continue;
            }
            if (p.exactReadIsList()) {
                List<GraphValue> items = new ArrayList<>();
                for (GraphValue one : ((ListValue) t).values()) {
                    Double d = ExactDoubles.decode(one);
                    items.add(d == null ? NullValue.INSTANCE : new DoubleValue(d));
                }
                out.put(p.graphName(), new ListValue(items));
            } else {
                out.put(p.graphName(), new DoubleValue(ExactDoubles.decode(t)));
            }
        }
        return out;
    }

    private Object instantiate(NodeValue node, Map<String, GraphValue> exact) {
        Map<PersistentProperty, Object> values = new HashMap<>();
        for (PersistentProperty p : properties) {
            Object v;
            if (p.kind() == PersistentProperty.Kind.MAP) {
                String prefix = p.graphName() + ".";
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, GraphValue> e : node.properties().entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        map.put(e.getKey().substring(prefix.length()), p.fromGraph(e.getValue()));
                    }
                }
                v = map;
            } else {
                GraphValue g = exact.get(p.graphName());
                v = p.fromGraph(g != null ? g : node.property(p.graphName()));
            }
            values.put(p, v);
        }
        return create(values);
    }

    /** Creates an instance from Java property values (missing ones stay at their defaults). */
    public Object create(Map<PersistentProperty, Object> values) {
        Object[] args = new Object[constructorArguments.size()];
        for (int i = 0; i < args.length; i++) {
            PersistentProperty p = constructorArguments.get(i);
            Object v = values.get(p);
            args[i] = v == null ? defaultValue(p.type()) : v;
        }
        Object instance;
        try {
            instance = constructor.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Creating " + type.getName() + " failed: " + t.getMessage(), t);
        }
        for (PersistentProperty p : properties) {
            if (constructorArguments.contains(p)) {
                continue;
            }
            Object v = values.get(p);
            if (v != null || !p.type().isPrimitive()) {
                if (p.accessor().writable()) {
                    p.accessor().set(instance, v);
                }
            }
        }
        return instance;
    }

    /** A copy of {@code entity} with another id (records), or the same instance with the id set. */
    public Object withId(Object entity, Object newId) {
        if (id.accessor().writable()) {
            id.accessor().set(entity, newId);
            return entity;
        }
        Map<PersistentProperty, Object> values = new HashMap<>();
        for (PersistentProperty p : properties) {
            values.put(p, p.accessor().get(entity));
        }
        values.put(id, newId);
        return create(values);
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == float.class) {
            return 0f;
        }
        return 0d;
    }

    @Override
    public String toString() {
        return "Entity " + type.getName() + labels + " id=" + id.javaName();
    }
}
