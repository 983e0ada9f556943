package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.NullValue;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the mapper knows about one entity class, built once and validated at
 * bootstrap: labels, the id, the mapped properties, and how to create instances and take
 * their values apart. How rows are read is {@link ReadShape}'s job.
 */
public final class EntityMetadata {
    private final Class<?> type;
    private final List<String> labels;
    private final String idLabel;
    private final PersistentProperty id;
    private final List<PersistentProperty> properties;
    private final Map<String, PersistentProperty> byJavaName;
    private final MethodHandle constructor;
    private final List<PersistentProperty> constructorArguments;
    private final int[] constructorIndexes;
    private final boolean[] isConstructorArgument;

    EntityMetadata(Class<?> type, List<String> labels, String idLabel, PersistentProperty id,
                   List<PersistentProperty> properties, MethodHandle constructor,
                   List<PersistentProperty> constructorArguments) {
        this.type = type;
        this.labels = List.copyOf(labels);
        this.idLabel = idLabel;
        this.id = id;
        this.properties = List.copyOf(properties);
        Map<String, PersistentProperty> names = new LinkedHashMap<>();
        for (PersistentProperty p : properties) {
            names.put(p.javaName(), p);
        }
        this.byJavaName = Collections.unmodifiableMap(names);
        this.constructor = constructor;
        this.constructorArguments = Collections.unmodifiableList(new ArrayList<>(constructorArguments));
        this.constructorIndexes = new int[constructorArguments.size()];
        this.isConstructorArgument = new boolean[this.properties.size()];
        for (int i = 0; i < constructorIndexes.length; i++) {
            int index = this.properties.indexOf(constructorArguments.get(i));
            if (index < 0) {
                throw new IllegalStateException(constructorArguments.get(i) + " is a constructor argument of " + type
                        + " but not a mapped property");
            }
            constructorIndexes[i] = index;
            isConstructorArgument[index] = true;
        }
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
     * Creates an instance from stored properties by graph name; {@code exact} holds the
     * bit-exact doubles (by graph name, map entries by their full property name) that win over
     * the rounded ones in {@code props}.
     */
    Object instantiate(Map<String, GraphValue> props, Map<String, GraphValue> exact) {
        Object[] values = new Object[properties.size()];
        for (int i = 0; i < values.length; i++) {
            PersistentProperty p = properties.get(i);
            if (p.kind() == PersistentProperty.Kind.MAP) {
                String prefix = p.graphName() + ".";
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, GraphValue> e : props.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        GraphValue g = exact.get(e.getKey());
                        map.put(e.getKey().substring(prefix.length()), p.fromGraph(g != null ? g : e.getValue()));
                    }
                }
                values[i] = map;
            } else {
                GraphValue g = exact.isEmpty() ? null : exact.get(p.graphName());
                values[i] = p.fromGraph(g != null ? g : props.get(p.graphName()));
            }
        }
        return create(values);
    }

    /** Creates an instance from Java property values (missing ones stay at their defaults). */
    public Object create(Map<PersistentProperty, Object> values) {
        Object[] byIndex = new Object[properties.size()];
        for (int i = 0; i < byIndex.length; i++) {
            byIndex[i] = values.get(properties.get(i));
        }
        return create(byIndex);
    }

    /** Creates an instance from values in {@link #properties()} order (nulls stay at their defaults). */
    private Object create(Object[] values) {
        Object[] args = new Object[constructorIndexes.length];
        for (int i = 0; i < args.length; i++) {
            Object v = values[constructorIndexes[i]];
            args[i] = v == null ? defaultValue(constructorArguments.get(i).type()) : v;
        }
        Object instance;
        try {
            instance = constructor.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Creating " + type.getName() + " failed: " + t.getMessage(), t);
        }
        for (int i = 0; i < values.length; i++) {
            if (isConstructorArgument[i]) {
                continue;
            }
            PersistentProperty p = properties.get(i);
            Object v = values[i];
            if ((v != null || !p.type().isPrimitive()) && p.accessor().writable()) {
                p.accessor().set(instance, v);
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
        Object[] values = new Object[properties.size()];
        for (int i = 0; i < values.length; i++) {
            PersistentProperty p = properties.get(i);
            values[i] = p == id ? newId : p.accessor().get(entity);
        }
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
