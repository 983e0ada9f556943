package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.spi.ValueConverter;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.value.VectorValue;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The codecs for natively stored types, for converter-backed types and for collections. */
final class Codecs {
    private Codecs() {
    }

    static final Codec STRING = new Codec() {
        @Override
        public Object write(Object value) {
            return value;
        }

        @Override
        public Object read(GraphValue value) {
            if (value instanceof StringValue s) {
                return s.value();
            }
            throw mismatch("a string", value);
        }
    };

    /** A {@code char} as a one-character string; {@code '\0'} (the default) is stored as no property. */
    static final Codec CHARACTER = new Codec() {
        @Override
        public Object write(Object value) {
            return (Character) value == '\0' ? null : value.toString();
        }

        @Override
        public Object read(GraphValue value) {
            if (value instanceof StringValue s && s.value().length() == 1) {
                return s.value().charAt(0);
            }
            throw mismatch("a one-character string", value);
        }
    };

    static final Codec BOOLEAN = new Codec() {
        @Override
        public Object write(Object value) {
            return value;
        }

        @Override
        public Object read(GraphValue value) {
            if (value instanceof BooleanValue b) {
                return b.value();
            }
            throw mismatch("a boolean", value);
        }
    };

    static Codec integer(Class<?> type) {
        return new Codec() {
            @Override
            public Object write(Object value) {
                return ((Number) value).longValue();
            }

            @Override
            public Object read(GraphValue value) {
                if (!(value instanceof IntegerValue i)) {
                    throw mismatch("an integer", value);
                }
                long v = i.value();
                if (type == long.class || type == Long.class) {
                    return v;
                }
                if (type == int.class || type == Integer.class) {
                    if (v != (int) v) {
                        throw new IllegalArgumentException("the stored integer does not fit in an int");
                    }
                    return (int) v;
                }
                if (type == short.class || type == Short.class) {
                    if (v != (short) v) {
                        throw new IllegalArgumentException("the stored integer does not fit in a short");
                    }
                    return (short) v;
                }
                if (v != (byte) v) {
                    throw new IllegalArgumentException("the stored integer does not fit in a byte");
                }
                return (byte) v;
            }
        };
    }

    static Codec floating(Class<?> type) {
        boolean isFloat = type == float.class || type == Float.class;
        return new Codec() {
            @Override
            public Object write(Object value) {
                return ((Number) value).doubleValue();
            }

            @Override
            public Object read(GraphValue value) {
                double d;
                if (value instanceof DoubleValue dv) {
                    d = dv.value();
                } else if (value instanceof IntegerValue iv) {
                    d = iv.value();
                } else {
                    throw mismatch("a number", value);
                }
                return isFloat ? (Object) (float) d : (Object) d;
            }

            @Override
            public Stored stored() {
                // a float survives the server's 15-digit formatting; a double needs the exact path
                return isFloat ? Stored.OTHER : Stored.DOUBLE;
            }
        };
    }

    /** {@code float[]} as a FalkorDB {@code vecf32}; written through {@code vecf32(...)}. */
    static final Codec VECTOR = new Codec() {
        @Override
        public Object write(Object value) {
            float[] f = (float[]) value;
            List<Double> out = new ArrayList<>(f.length);
            for (float x : f) {
                out.add((double) x);
            }
            return out;
        }

        @Override
        public Object read(GraphValue value) {
            if (value instanceof VectorValue v) {
                return v.values().clone(); // the reply's array may be a cached result's: never hand it out
            }
            if (value instanceof ListValue l) {
                float[] f = new float[l.values().size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = ((Number) l.values().get(i).asJava()).floatValue();
                }
                return f;
            }
            throw mismatch("a vector", value);
        }
    };

    /** A type stored through a {@link ValueConverter}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Codec converted(ValueConverter converter, Class<?> type) {
        return new Codec() {
            @Override
            public Object write(Object value) {
                return converter.toGraph(value);
            }

            @Override
            public Object read(GraphValue value) {
                return converter.fromGraph(value.asJava(), type);
            }

            @Override
            public Stored stored() {
                Class<?> st = converter.storedType();
                return st == Double.class || st == double.class ? Stored.DOUBLE : Stored.OTHER;
            }
        };
    }

    /** {@code List}, {@code Set}, {@code Collection} or array of an element codec. */
    static Codec collection(Codec element, Class<?> containerType, Class<?> componentType) {
        return new Codec() {
            @Override
            public Object write(Object value) {
                List<Object> out = new ArrayList<>();
                if (value.getClass().isArray()) {
                    int n = Array.getLength(value);
                    for (int i = 0; i < n; i++) {
                        out.add(writeElement(Array.get(value, i), i));
                    }
                } else {
                    int i = 0;
                    for (Object o : (Collection<?>) value) {
                        out.add(writeElement(o, i++));
                    }
                }
                return out;
            }

            private Object writeElement(Object o, int index) {
                if (o == null) {
                    throw new IllegalArgumentException("element " + index
                            + " is null; FalkorDB cannot store null inside a list");
                }
                return element.write(o);
            }

            @Override
            public Object read(GraphValue value) {
                if (!(value instanceof ListValue l)) {
                    throw mismatch("a list", value);
                }
                List<Object> items = new ArrayList<>(l.values().size());
                for (GraphValue v : l.values()) {
                    items.add(v instanceof NullValue ? null : element.read(v));
                }
                if (containerType.isArray()) {
                    Object array = Array.newInstance(componentType, items.size());
                    for (int i = 0; i < items.size(); i++) {
                        Array.set(array, i, items.get(i));
                    }
                    return array;
                }
                if (Set.class.isAssignableFrom(containerType)) {
                    return new LinkedHashSet<>(items);
                }
                return items;
            }

            @Override
            public Stored stored() {
                return element.stored() == Stored.DOUBLE ? Stored.DOUBLE_LIST : Stored.OTHER;
            }
        };
    }

    static IllegalArgumentException mismatch(String expected, GraphValue got) {
        return new IllegalArgumentException("expected " + expected + " in the graph but found "
                + describe(got));
    }

    private static String describe(GraphValue v) {
        Function<GraphValue, String> kind = x -> x.getClass().getSimpleName().replace("Value", "").toLowerCase();
        return kind.apply(v);
    }

    /** A value of any type stored as one JSON string, read back to its declared generic type. */
    static Codec json(dev.falkor.orm.spi.JsonCodec json, java.lang.reflect.Type type, String where) {
        return new Codec() {
            @Override
            public Object write(Object value) {
                return json.toJson(value, type);
            }

            @Override
            public Object read(GraphValue value) {
                if (value instanceof dev.falkor.orm.spi.value.StringValue s) {
                    return json.fromJson(s.value(), type);
                }
                throw new IllegalArgumentException(where + ": expected a JSON string, the graph holds " + value);
            }
        };
    }
}
