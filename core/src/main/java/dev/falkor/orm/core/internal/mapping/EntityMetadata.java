package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
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
    /** The exact-read columns, as text: two types read each other's rows only if these are equal. */
    private final String exactShape;

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
        StringBuilder shape = new StringBuilder();
        for (PersistentProperty p : exactReads) {
            shape.append(exactExpression(p, "n")).append(';');
        }
        this.exactShape = shape.toString();
    }

    /**
     * True if rows produced by {@code other}'s {@link #returnItems} can be read by this entity
     * (same exact-double columns): a condition for reading a node as a subclass.
     */
    public boolean readsRowsOf(EntityMetadata other) {
        return exactShape.equals(other.exactShape);
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

    /**
     * The node's properties for {@code entity}, as parameter values. With {@code withNulls},
     * every mapped single-valued property is present, a null one as {@code null} (which
     * {@code SET n += map} turns into a removal); without, null ones are left out.
     */
    public Map<String, Object> toGraph(Object entity, boolean withNulls) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PersistentProperty p : properties) {
            Object value = p.accessor().get(entity);
            if (p.kind() == PersistentProperty.Kind.MAP) {
                if (value == null) {
                    continue;
                }
                int index = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (!(e.getKey() instanceof String key) || key.isEmpty() || key.indexOf('`') >= 0
                            || key.indexOf('\0') >= 0) {
                        // the key is user data: name its position, never its text
                        throw new IllegalArgumentException(p.describe() + ": map key #" + index
                                + " must be a non-empty string without back-quotes or NUL");
                    }
                    if (e.getValue() != null) {
                        out.put(p.graphName() + "." + key, p.toGraph(e.getValue()));
                    }
                    index++;
                }
            } else {
                Object stored = value == null ? null : p.toGraph(value);
                if (stored != null || withNulls) {
                    out.put(p.graphName(), stored);
                }
            }
        }
        return out;
    }

    /**
     * True if a stored node of this type may be of a mapped subtype, so reads need its labels.
     * Records and final classes cannot have subtypes.
     */
    public boolean mayHaveSubtypes() {
        return !type.isRecord() && !java.lang.reflect.Modifier.isFinal(type.getModifiers());
    }

    /**
     * The RETURN items for a node variable: its properties by name ({@code n{.*}}, which does
     * not depend on the server's id-to-name tables, so it cannot be misread after the graph is
     * re-created), its labels when the type may have subtypes, and one list with the exact
     * form of every double-valued property (the server's reply rounds doubles to 15 digits).
     */
    public String returnItems(String variable) {
        StringBuilder sb = new StringBuilder(variable).append("{.*}");
        if (mayHaveSubtypes()) {
            sb.append(", labels(").append(variable).append(')');
        }
        if (exactReads.isEmpty()) {
            return sb.toString();
        }
        sb.append(", [");
        for (int i = 0; i < exactReads.size(); i++) {
            PersistentProperty p = exactReads.get(i);
            sb.append(i == 0 ? "" : ", ").append(exactExpression(p, variable));
        }
        return sb.append(']').toString();
    }

    /** The exact-read expression of one double-valued property of node {@code variable}. */
    static String exactExpression(PersistentProperty p, String variable) {
        if (p.kind() == PersistentProperty.Kind.MAP) {
            // graphName is a validated identifier, so the prefix literal cannot break out of its quotes
            return "[__k IN keys(" + variable + ") WHERE __k STARTS WITH '" + p.graphName() + ".' | [__k, "
                    + ExactDoubles.expression(variable + "[__k]") + "]]";
        }
        String expr = variable + "." + p.quotedName();
        return p.exactReadIsList() ? ExactDoubles.listExpression(expr) : ExactDoubles.expression(expr);
    }

    /** Number of result columns {@link #returnItems} produces. */
    public int returnColumns() {
        return 1 + (mayHaveSubtypes() ? 1 : 0) + (exactReads.isEmpty() ? 0 : 1);
    }

    /** True if the entity has double-valued properties, which plain node values carry rounded. */
    public boolean hasExactReads() {
        return !exactReads.isEmpty();
    }

    /** The labels in a row produced by {@link #returnItems} at {@code column}, or {@code null} if not fetched. */
    public List<String> labelsIn(List<GraphValue> row, int column) {
        if (!mayHaveSubtypes()) {
            return null;
        }
        List<GraphValue> values = ((ListValue) row.get(column + 1)).values();
        List<String> out = new ArrayList<>(values.size());
        for (GraphValue v : values) {
            out.add(((dev.falkor.orm.spi.value.StringValue) v).value());
        }
        return out;
    }

    /**
     * Builds an entity from a row that {@code producer}'s {@link #returnItems} produced at
     * {@code column}: this type's own, or a supertype's that {@link #readsRowsOf} this one.
     */
    public Object read(List<GraphValue> row, int column, EntityMetadata producer) {
        Map<String, GraphValue> props = ((MapValue) row.get(column)).values();
        int exactColumn = column + (producer.mayHaveSubtypes() ? 2 : 1);
        Map<String, GraphValue> exact = exactReads.isEmpty() ? Map.of() : exactValues(row.get(exactColumn));
        return instantiate(props, exact);
    }

    /**
     * Builds an entity from a node value decoded from a user's query. Its doubles are rounded,
     * so callers use this only for entities without {@link #hasExactReads() exact reads}.
     */
    public Object readNode(NodeValue node) {
        return instantiate(node.properties(), Map.of());
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
            if (p.kind() == PersistentProperty.Kind.MAP) {
                for (GraphValue entry : ((ListValue) t).values()) {
                    List<GraphValue> kv = ((ListValue) entry).values();
                    out.put(((dev.falkor.orm.spi.value.StringValue) kv.get(0)).value(),
                            new DoubleValue(ExactDoubles.decode(kv.get(1))));
                }
            } else if (p.exactReadIsList()) {
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

    private Object instantiate(Map<String, GraphValue> props, Map<String, GraphValue> exact) {
        Map<PersistentProperty, Object> values = new HashMap<>();
        for (PersistentProperty p : properties) {
            Object v;
            if (p.kind() == PersistentProperty.Kind.MAP) {
                String prefix = p.graphName() + ".";
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, GraphValue> e : props.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        GraphValue g = exact.get(e.getKey());
                        map.put(e.getKey().substring(prefix.length()), p.fromGraph(g != null ? g : e.getValue()));
                    }
                }
                v = map;
            } else {
                GraphValue g = exact.get(p.graphName());
                if (g == null) {
                    g = props.get(p.graphName());
                }
                v = p.fromGraph(g);
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
