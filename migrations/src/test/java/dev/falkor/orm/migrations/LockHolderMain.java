package dev.falkor.orm.migrations;

import dev.falkor.orm.core.FalkorOrm;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM for the tests: runs {@code migrate} on a graph with scripts from a directory; with
 * {@code hang}, a Java migration that never ends, so the process holds the lock until it is killed.
 */
public final class LockHolderMain {
    public static void main(String[] args) {
        String url = args[0];
        String graph = args[1];
        String dir = args[2];
        boolean hang = args.length > 3 && args[3].equals("hang");
        try (FalkorOrm orm = FalkorOrm.builder().url(url).transportProvider("jedis").graph(graph).cache("none").build()) {
            Migrations.Builder b = Migrations.builder(orm).location(dir).lockTtl(Duration.ofSeconds(1))
                    .lockWait(Duration.ofSeconds(60)).installedBy("child-" + ProcessHandle.current().pid());
            if (hang) {
                b.javaMigrations(new JavaMigration() {
                    @Override
                    public String version() {
                        return "900";
                    }

                    @Override
                    public String description() {
                        return "hangs";
                    }

                    @Override
                    public void migrate(MigrationContext context) {
                        while (true) {
                            LockSupport.park();
                        }
                    }
                });
            }
            b.build().migrate();
        }
    }
}
