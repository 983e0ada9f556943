package dev.falkor.orm.examples;

import dev.falkor.orm.embedded.EmbeddedFalkorDB;

/** Runs every example against one embedded server. */
public final class RunAll {
    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            System.out.println("Embedded FalkorDB at " + db.url() + " (binaries: " + db.binaries().origin() + ")");
            HelloFalkor.run(db.url());
            QuickStart.run(db.url());
            QueryExample.run(db.url());
            RelationshipsExample.run(db.url());
            SafetyExample.run(db.url());
            SessionExample.run(db.url());
            BulkExample.run(db.url());
            AsyncExample.run(db.url());
            CacheExample.run(db.url());
            SearchExample.run(db.url());
            MigrationsExample.run(db.url());
            MetricsExample.run(db.url());
        }
        ScaleOutExample.run(); // starts a primary with a replica, then a three-shard cluster
        System.out.println("All examples ran.");
    }
}
