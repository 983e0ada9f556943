package dev.falkor.orm.examples;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.migrations.JavaMigration;
import dev.falkor.orm.migrations.MigrationContext;
import dev.falkor.orm.migrations.MigrationInfo;
import dev.falkor.orm.migrations.Migrations;
import java.util.Map;

/**
 * Migrations: the scripts in {@code src/main/resources/db/migration} (V001, V002 with its undo
 * U002, a repeatable R__) and a Java migration that lower-cases emails in batches, applied to a
 * fresh graph, then listed, undone once and applied again.
 */
public final class MigrationsExample {

    /** V003 in Java: a data migration in chunks, resumable if interrupted. */
    static final class V003__Lowercase_emails implements JavaMigration {
        @Override
        public void migrate(MigrationContext context) {
            long batches = context.inBatches("MATCH (p:MPerson) WHERE p.emailLower IS NULL WITH p LIMIT $batchSize "
                    + "SET p.emailLower = toLower(p.email)", Map.of(), 1_000,
                    (batch, changed) -> System.out.println("[MigrationsExample] batch " + batch + ": " + changed + " set"));
            System.out.println("[MigrationsExample] lower-cased in " + batches + " batch(es)");
        }
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder().url(url).graph("migrated").build()) {
            Migrations migrations = Migrations.builder(orm)
                    .location("classpath:db/migration")       // the default
                    .classLoader(MigrationsExample.class.getClassLoader())
                    .javaMigrations(new V003__Lowercase_emails())
                    .build();
            System.out.println("[MigrationsExample] applied " + migrations.migrate().applied());
            for (MigrationInfo i : migrations.info()) {
                System.out.printf("[MigrationsExample] %-8s %-22s %-8s %s%n", i.version(), i.description(), i.type(),
                        i.state());
            }
            System.out.println("[MigrationsExample] undo: nothing to undo for 003 (no U003), so: "
                    + tryUndo(migrations));
            orm.transport().deleteGraph("migrated");
        }
    }

    private static String tryUndo(Migrations migrations) {
        try {
            return migrations.undo();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
