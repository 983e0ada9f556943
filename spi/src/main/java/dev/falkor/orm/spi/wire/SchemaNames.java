package dev.falkor.orm.spi.wire;

/**
 * Resolves the numeric ids of the compact reply into names, per graph.
 */
public interface SchemaNames {
    /** Name of label {@code id}. */
    String label(int id);

    /** Name of relationship type {@code id}. */
    String relationshipType(int id);

    /** Name of property key {@code id}. */
    String propertyKey(int id);
}
