package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.core.internal.mapping.MappingContext;
import dev.falkor.orm.spi.ValueConverter;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.wire.ParameterEncoder;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions outside an entity mapping: query arguments to parameter values (through the
 * registered converters), and result columns to the Java type a method declares.
 */
public final class Values {
    private final MappingContext mapping;

    public Values(MappingContext mapping) {
        this.mapping = mapping;
    }

    /**
     * A method or query argument as a parameter value; types with a converter are converted.
     *
     * @throws dev.falkor.orm.api.InvalidParameterException if lists and maps are nested deeper
     *         than {@link ParameterEncoder#MAX_DEPTH}
     */
    public Object toParameter(Object value) {
        return toParameter(value, 0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object toParameter(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number
                || value instanceof Character) {
            return value;
        }
        boolean container = value instanceof Collection<?> || value instanceof Map<?, ?>
                || (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive());
        if (container && depth >= ParameterEncoder.MAX_DEPTH) {
            throw new dev.falkor.orm.api.InvalidParameterException("(nested value)",
                    "lists and maps are nested deeper than " + ParameterEncoder.MAX_DEPTH + " levels");
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(toParameter(o, depth + 1));
            }
            return out;
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(toParameter(Array.get(value, i), depth + 1));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, toParameter(v, depth + 1)));
            return out;
        }
        ValueConverter converter = mapping.converterFor(value.getClass(), "query parameter");
        // no converter: pass it on, and the encoder rejects it with the parameter named
        return converter == null ? value : converter.toGraph(value);
    }

    /** A result value as {@code target}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object fromGraph(GraphValue value, Class<?> target) {
        if (value == null || value instanceof NullValue) {
            if (target.isPrimitive()) {
                throw new IllegalArgumentException("null cannot be returned as " + target.getName());
            }
            return null;
        }
        if (target == Object.class) {
            return value.asJava();
        }
        if (GraphValue.class.isAssignableFrom(target) && target.isInstance(value)) {
            return value;
        }
        if (target == String.class && value instanceof StringValue s) {
            return s.value();
        }
        if (value instanceof IntegerValue i) {
            long v = i.value();
            if (target == long.class || target == Long.class) {
                return v;
            }
            if (target == int.class || target == Integer.class) {
                return Math.toIntExact(v);
            }
            if (target == double.class || target == Double.class) {
                return (double) v;
            }
            if (target == short.class || target == Short.class) {
                return (short) Math.toIntExact(v);
            }
        }
        if (value instanceof DoubleValue d) {
            if (target == double.class || target == Double.class) {
                return d.value();
            }
            if (target == float.class || target == Float.class) {
                return (float) d.value();
            }
        }
        if (value instanceof BooleanValue b && (target == boolean.class || target == Boolean.class)) {
            return b.value();
        }
        Object natural = value.asJava();
        if (target.isInstance(natural)) {
            return natural;
        }
        ValueConverter converter = mapping.converterFor(target, "query result");
        if (converter != null) {
            return converter.fromGraph(natural, target);
        }
        throw new IllegalArgumentException("Cannot return " + value + " as " + target.getName());
    }
}
