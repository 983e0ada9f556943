package dev.falkor.orm.core;

/** What the mapper does about indexes and constraints when an entity type is registered. */
public enum SchemaMode {
    /** Create missing id indexes (and unique constraints where asked for). The default. */
    CREATE,
    /** Fail with a clear message if an index or constraint the mapping needs is missing. */
    VALIDATE,
    /** Leave the schema alone. */
    NONE
}
