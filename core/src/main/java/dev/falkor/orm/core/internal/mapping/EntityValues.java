package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.spi.value.GraphValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes entity instances apart into graph values and builds them back, as the
 * {@link EntityMetadata} describes: the only code that touches entity fields and constructors
 * (through the accessors built at bootstrap, no reflection on the hot path).
 */
public final class EntityValues {
    private EntityValues() {
    }

    /**
     * The node's properties for {@code entity}, as parameter values. With {@code withNulls},
     * every mapped single-valued property is present, a null one as {@code null} (which
     * {@code SET n += map} turns into a removal); without, null ones are left out.
     */
    public static Map<String, Object> toGraph(EntityMetadata meta, Object entity, boolean withNulls) {
        return toGraph(meta, entity, withNulls, null);
    }

    /**
     * What a save of {@code entity} would send as its row (every property with nulls, the id
     * included), as a compact read-only map: the snapshot a read keeps to tell later whether it changed.
     */
    public static Map<String, Object> snapshot(EntityMetadata meta, Object entity) {
        List<PersistentProperty> props = meta.properties();
        for (PersistentProperty p : props) {
            if (p.kind() == PersistentProperty.Kind.MAP) {
                return java.util.Collections.unmodifiableMap(toGraph(meta, entity, true, null));
            }
        }
        dev.falkor.orm.spi.value.PairMap.Keys keys = meta.snapshotKeys();
        Object[] values = new Object[props.size()];
        int i = 0;
        for (PersistentProperty p : props) {
            Object value = p.accessor().get(entity);
            values[i++] = value == null ? null : p.toGraph(value);
        }
        return new dev.falkor.orm.spi.value.PairMap<>(keys, values);
    }

    /** As {@link #toGraph(EntityMetadata, Object, boolean)}, leaving out {@code except} (the id, sent apart). */
    public static Map<String, Object> toGraph(EntityMetadata meta, Object entity, boolean withNulls,
                                              PersistentProperty except) {
        return toGraph(meta, entity, withNulls, except, new LinkedHashMap<>());
    }

    /** As {@link #toGraph(EntityMetadata, Object, boolean, PersistentProperty)}, into {@code out}. */
    public static Map<String, Object> toGraph(EntityMetadata meta, Object entity, boolean withNulls,
                                              PersistentProperty except, Map<String, Object> out) {
        for (PersistentProperty p : meta.properties()) {
            if (p == except) {
                continue;
            }
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
     * Creates an instance from stored properties by graph name; {@code exact} holds the
     * bit-exact doubles (by graph name, map entries by their full property name) that win over
     * the rounded ones in {@code props}.
     */
    static Object instantiate(EntityMetadata meta, Map<String, GraphValue> props, Map<String, GraphValue> exact) {
        return instantiate(meta, props, exact, null);
    }

    /**
     * As {@link #instantiate(EntityMetadata, Map, Map)}, with the values of relationship and
     * target-node members from {@code related} (null or absent: left at the default).
     */
    static Object instantiate(EntityMetadata meta, Map<String, GraphValue> props, Map<String, GraphValue> exact,
                              java.util.function.Function<PersistentProperty, Object> related) {
        List<PersistentProperty> properties = meta.members();
        Object[] values = new Object[properties.size()];
        for (int i = 0; i < values.length; i++) {
            PersistentProperty p = properties.get(i);
            if (!p.isValue()) {
                values[i] = related == null ? null : related.apply(p);
            } else if (p.kind() == PersistentProperty.Kind.MAP) {
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
        return meta.lifecycle().loaded(meta, create(meta, values));
    }

    /** Creates an instance from Java property values (missing ones stay at their defaults). */
    public static Object create(EntityMetadata meta, Map<PersistentProperty, Object> values) {
        List<PersistentProperty> properties = meta.members();
        Object[] byIndex = new Object[properties.size()];
        for (int i = 0; i < byIndex.length; i++) {
            byIndex[i] = values.get(properties.get(i));
        }
        return create(meta, byIndex);
    }

    /** Creates an instance from values in {@link #properties()} order (nulls stay at their defaults). */
    private static Object create(EntityMetadata meta, Object[] values) {
        int[] constructorIndexes = meta.constructorIndexes();
        boolean[] isConstructorArgument = meta.isConstructorArgument();
        List<PersistentProperty> properties = meta.members();
        Object[] args = new Object[constructorIndexes.length];
        for (int i = 0; i < args.length; i++) {
            Object v = values[constructorIndexes[i]];
            args[i] = v == null ? defaultValue(meta.constructorArguments().get(i).type()) : v;
        }
        Object instance;
        try {
            instance = meta.constructor().invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Creating " + meta.type().getName() + " failed: " + t.getMessage(), t);
        }
        for (int i = 0; i < values.length; i++) {
            if (isConstructorArgument[i]) {
                continue;
            }
            PersistentProperty p = properties.get(i);
            Object v = values[i];
            if (v == null && !p.isValue()) {
                continue; // a relationship not given keeps its initial value
            }
            if ((v != null || !p.type().isPrimitive()) && p.accessor().writable()) {
                p.accessor().set(instance, v);
            }
        }
        return instance;
    }

    /** A copy of {@code entity} with another id (records), or the same instance with the id set. */
    public static Object withId(EntityMetadata meta, Object entity, Object newId) {
        return withValue(meta, entity, meta.id(), newId);
    }

    /**
     * {@code entity} with {@code property} set to {@code value}: the same instance when the field
     * is writable, else (records, final fields) a new instance with the other members copied.
     */
    public static Object withValue(EntityMetadata meta, Object entity, PersistentProperty property, Object value) {
        List<PersistentProperty> properties = meta.members();
        if (property.accessor().writable()) {
            property.accessor().set(entity, value);
            return entity;
        }
        Object[] values = new Object[properties.size()];
        for (int i = 0; i < values.length; i++) {
            PersistentProperty p = properties.get(i);
            values[i] = p == property ? value : p.accessor().get(entity);
        }
        return create(meta, values);
    }

    /** The stored version a versioned entity carries: its {@code @Version} value, 0 if null. */
    public static long versionOf(EntityMetadata meta, Object entity) {
        Object v = meta.version().accessor().get(entity);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** {@code entity} carrying version {@code next} (see {@link #withValue}). */
    public static Object withVersion(EntityMetadata meta, Object entity, long next) {
        PersistentProperty v = meta.version();
        Class<?> t = v.type();
        Object value = t == int.class || t == Integer.class ? (Object) Math.toIntExact(next) : (Object) next;
        return withValue(meta, entity, v, value);
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

}
