package dev.falkor.orm.migrations.internal;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.core.StartupHook;
import dev.falkor.orm.migrations.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates a mapper's graph when it is built, if the {@code falkor.orm.migrate} setting names the
 * locations ({@code classpath:db/migration,/opt/app/migrations}, or {@code true} for the default),
 * up to {@code falkor.orm.migrate.target} if set. Settings come from the builder, system
 * properties or the environment ({@code FALKOR_ORM_MIGRATE}).
 */
public final class MigrateOnStart implements StartupHook {
    private static final Logger LOG = LoggerFactory.getLogger(MigrateOnStart.class);

    @Override
    public void started(FalkorOrm orm) {
        String locations = orm.setting("falkor.orm.migrate").orElse(null);
        if (locations == null || locations.isBlank() || locations.equalsIgnoreCase("false")) {
            return;
        }
        Migrations.Builder b = Migrations.builder(orm);
        if (!locations.equalsIgnoreCase("true")) {
            for (String l : locations.split(",")) {
                b.location(l.trim());
            }
        }
        Migrations.Result r = b.build().migrate(orm.setting("falkor.orm.migrate.target").orElse(null));
        LOG.info("Migrated graph {} at start: {}", orm.graph(), r.applied().isEmpty() ? "up to date"
                : "applied " + r.applied());
    }
}
