package dev.falkor.orm.core.internal;

/** Small type helpers shared by the mapper. */
public final class Types {
    private Types() {
    }

    /** The wrapper class of a primitive type; other types unchanged. */
    public static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == long.class ? Long.class : c == int.class ? Integer.class : c == short.class ? Short.class
                : c == byte.class ? Byte.class : c == boolean.class ? Boolean.class : c == char.class ? Character.class
                : c == float.class ? Float.class : c == double.class ? Double.class : Void.class;
    }
}
