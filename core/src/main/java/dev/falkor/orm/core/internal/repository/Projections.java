package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.query.ExactReturn;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.core.internal.mapping.ExactDoubles;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interface and record projections: a view of an entity with only some of its properties,
 * loaded with only those properties ({@code RETURN n.`a` AS a, ...}).
 */
final class Projections {

    /** One projected property: its name, Java type, and the entity property it reads (or null). */
    record Item(String name, Class<?> type, PersistentProperty source) {
    }

    /** A projection type analysed once. */
    static final class Plan {
        private final Class<?> type;
        private final List<Item> items;
        private final MethodHandle recordConstructor;
        private final Map<String, ExactReturn.Form> exactColumns;

        Plan(Class<?> type, List<Item> items, MethodHandle recordConstructor, Map<String, ExactReturn.Form> exactColumns) {
            this.type = type;
            this.items = items;
            this.recordConstructor = recordConstructor;
            this.exactColumns = Map.copyOf(exactColumns);
        }

        List<Item> items() {
            return items;
        }

        /**
         * The properties that may hold doubles (double, float, their boxes, lists of them, or a
         * mapped double property), by name, with how a user query's column of that name is read.
         */
        Map<String, ExactReturn.Form> exactColumns() {
            return exactColumns;
        }

        /** {@link #exactColumns} by the node property {@link #fromNode} reads them from. */
        Map<String, ExactReturn.Form> exactNodeProperties() {
            Map<String, ExactReturn.Form> out = new LinkedHashMap<>();
            for (Item i : items) {
                ExactReturn.Form form = exactColumns.get(i.name());
                if (form != null) {
                    out.put(i.source() != null ? i.source().graphName() : i.name(), form);
                }
            }
            return out;
        }

        /**
         * RETURN items loading only the projected properties of node variable {@code n}; a
         * double-valued one also returns its {@link ExactDoubles#mantissa} as {@code `__m:name`}.
         */
        String returnItems(String n) {
            List<String> out = new ArrayList<>();
            for (Item i : items) {
                if (i.source() == null) {
                    throw new MappingException("Projection " + type.getName() + "." + i.name()
                            + " has no matching entity property");
                }
                String expr = n + "." + i.source().quotedName();
                out.add(expr + " AS `" + i.name() + "`");
                if (exactScalar(i)) {
                    out.add((i.source().exactReadIsList() ? ExactDoubles.mantissaList(expr) : ExactDoubles.mantissa(expr))
                            + " AS `" + MANTISSA + i.name() + "`");
                }
            }
            return String.join(", ", out);
        }

        /** Builds a projection from a row of {@link #returnItems} columns. */
        Object fromColumns(List<String> columns, List<GraphValue> row, Values values, boolean exactColumns) {
            Map<String, Object> v = new HashMap<>();
            for (Item i : items) {
                int c = columns.indexOf(i.name());
                if (c < 0) {
                    continue;
                }
                GraphValue g = row.get(c);
                int m = exactColumns && exactScalar(i) ? columns.indexOf(MANTISSA + i.name()) : -1;
                if (m >= 0) {
                    g = ExactDoubles.withMantissa(g, row.get(m));
                }
                v.put(i.name(), convert(i, g, values));
            }
            return create(v);
        }

        /** Builds a projection from a whole node (custom queries that return the node). */
        Object fromNode(NodeValue node, Values values) {
            Map<String, Object> v = new HashMap<>();
            for (Item i : items) {
                String key = i.source() != null ? i.source().graphName() : i.name();
                v.put(i.name(), convert(i, node.property(key), values));
            }
            return create(v);
        }

        /** Prefix of the mantissa column of a double-valued projected property (colons cannot be in names). */
        private static final String MANTISSA = "__m:";

        private static boolean exactScalar(Item i) {
            return i.source() != null && i.source().needsExactRead() && i.source().kind() == PersistentProperty.Kind.SCALAR;
        }

        private static Object convert(Item i, GraphValue g, Values values) {
            if (i.source() != null && i.source().type() == i.type()) {
                return i.source().fromGraph(g);
            }
            return values.fromGraph(g, i.type());
        }

        private Object create(Map<String, Object> v) {
            if (recordConstructor != null) {
                Object[] args = new Object[items.size()];
                for (int k = 0; k < args.length; k++) {
                    args[k] = v.get(items.get(k).name());
                }
                try {
                    return recordConstructor.invokeExact(args);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException("Creating projection " + type.getName() + " failed", t);
                }
            }
            Map<String, Object> frozen = Collections.unmodifiableMap(new LinkedHashMap<>(v));
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                String name = propertyName(method);
                if (name != null && frozen.containsKey(name)) {
                    return frozen.get(name);
                }
                return switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + frozen;
                    case "hashCode" -> frozen.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> method.isDefault() ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                            : frozen.get(name);
                };
            });
        }
    }

    private Projections() {
    }

    /** Analyses a projection type against the entity it projects ({@code null}: columns by name only). */
    static Plan plan(Class<?> type, EntityMetadata entity, MethodHandles.Lookup lookup) {
        List<Item> items = new ArrayList<>();
        Map<String, ExactReturn.Form> exact = new HashMap<>();
        MethodHandle ctor = null;
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                Item item = new Item(c.getName(), c.getType(), entity == null ? null : entity.property(c.getName()).orElse(null));
                items.add(item);
                ExactReturn.Form form = formOf(item, c.getGenericType());
                if (form != ExactReturn.Form.NONE) {
                    exact.put(item.name(), form);
                }
            }
            try {
                Class<?>[] types = items.stream().map(Item::type).toArray(Class<?>[]::new);
                Constructor<?> k = type.getDeclaredConstructor(types);
                MethodHandles.Lookup l = MethodHandles.privateLookupIn(type, lookup != null ? lookup : MethodHandles.lookup());
                ctor = l.unreflectConstructor(k).asSpreader(Object[].class, types.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new MappingException("Cannot use record projection " + type.getName() + ": " + e.getMessage()
                        + ". Pass MethodHandles.lookup() from its module to FalkorOrm.builder().lookup(...)", e);
            }
        } else {
            for (Method m : type.getMethods()) {
                String name = propertyName(m);
                if (name == null || m.isDefault() || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                Item item = new Item(name, m.getReturnType(), entity == null ? null : entity.property(name).orElse(null));
                items.add(item);
                ExactReturn.Form form = formOf(item, m.getGenericReturnType());
                if (form != ExactReturn.Form.NONE) {
                    exact.put(name, form);
                }
            }
            items.sort(java.util.Comparator.comparing(Item::name));
        }
        if (items.isEmpty()) {
            throw new MappingException("Projection " + type.getName() + " declares no properties");
        }
        return new Plan(type, items, ctor, exact);
    }

    private static ExactReturn.Form formOf(Item item, Type generic) {
        ExactReturn.Form form = formOf(item.type(), generic);
        // maps of doubles are not rewritten (a map column passes through as the server prints it)
        if (form == ExactReturn.Form.NONE && item.source() != null && item.source().needsExactRead()
                && item.source().kind() == PersistentProperty.Kind.SCALAR) {
            return item.source().exactReadIsList() ? ExactReturn.Form.LIST : ExactReturn.Form.VALUE;
        }
        return form;
    }

    /**
     * How a user query's column read as {@code type} must come back: {@link ExactReturn.Form#VALUE}
     * for double, float and their boxes, {@link ExactReturn.Form#LIST} for lists (and collections)
     * of them or of an unknown element type, otherwise {@link ExactReturn.Form#NONE}.
     */
    static ExactReturn.Form formOf(Class<?> type, Type generic) {
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return ExactReturn.Form.VALUE;
        }
        if (type == List.class || type == java.util.Collection.class || type == Iterable.class) {
            if (!(generic instanceof ParameterizedType pt)) {
                return ExactReturn.Form.LIST; // raw: may hold doubles
            }
            Type arg = pt.getActualTypeArguments()[0];
            boolean doubles = !(arg instanceof Class<?> c) || c == Object.class || c == Number.class || c == Double.class
                    || c == Float.class;
            return doubles ? ExactReturn.Form.LIST : ExactReturn.Form.NONE;
        }
        return ExactReturn.Form.NONE;
    }

    /** {@code getName()}/{@code isActive()}/{@code name()} to the property name, or null. */
    static String propertyName(Method m) {
        if (m.getParameterCount() != 0 || m.getReturnType() == void.class) {
            return null;
        }
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3 && Character.isUpperCase(n.charAt(3))) {
            return Character.toLowerCase(n.charAt(3)) + n.substring(4);
        }
        if (n.startsWith("is") && n.length() > 2 && Character.isUpperCase(n.charAt(2))
                && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
            return Character.toLowerCase(n.charAt(2)) + n.substring(3);
        }
        if (n.equals("toString") || n.equals("hashCode") || n.equals("getClass")) {
            return null;
        }
        return n;
    }
}
