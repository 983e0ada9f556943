/**
 * Versioned schema and data migrations of a FalkorDB graph: Cypher scripts and Java
 * migrations, a history in the graph with checksums, a lock so one migrator runs at a time,
 * resumption after a failed statement, undo, baseline, repair and batched data rewrites.
 */
module dev.falkor.orm.migrations {
    requires transitive dev.falkor.orm.core;
    requires org.slf4j;
    requires java.management;

    exports dev.falkor.orm.migrations;

    provides dev.falkor.orm.core.StartupHook with dev.falkor.orm.migrations.internal.MigrateOnStart;
}
