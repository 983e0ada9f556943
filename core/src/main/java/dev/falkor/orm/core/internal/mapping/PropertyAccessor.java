package dev.falkor.orm.core.internal.mapping;

/**
 * Reads and writes one field of an entity. Built once per field at bootstrap; today from
 * {@link java.lang.invoke.MethodHandle}s (see {@link MethodHandleAccessors}), later possibly
 * from classes generated at compile time, which need no reflection at all.
 */
public interface PropertyAccessor {
    Object get(Object entity);

    /** Sets the field; fails for final fields (those are set through the constructor). */
    void set(Object entity, Object value);

    /** True if {@link #set} works. */
    boolean writable();
}
