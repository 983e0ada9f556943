package dev.falkor.orm.migrations;

/**
 * A migration written in Java, for what a script cannot say (computed values, batched rewrites).
 * Its version and description come from the class name when it follows the script convention
 * ({@code V004__Backfill_emails}), else from {@link #version()} and {@link #description()}.
 * Make it idempotent where you can: a migration that failed halfway is run again from the start.
 */
public interface JavaMigration {

    /** The version ({@code 004}, {@code 2.1}); by default from the class name {@code V<version>__<description>}. */
    default String version() {
        return Names.version(getClass().getSimpleName());
    }

    /** What it does; by default from the class name. */
    default String description() {
        return Names.description(getClass().getSimpleName());
    }

    /** A checksum to detect that an applied migration changed; by default none (never checked). */
    default String checksum() {
        return null;
    }

    /** Runs the migration. Throwing marks it failed; it is run again by the next {@code migrate}. */
    void migrate(MigrationContext context) throws Exception;

    /** Version and description from a class or file name {@code V<version>__<description>}. */
    final class Names {
        private Names() {
        }

        static String version(String name) {
            int sep = name.indexOf("__");
            if (!name.startsWith("V") || sep < 2) {
                throw new MigrationException("Migration '" + name + "' needs a name V<version>__<description> or its "
                        + "own version()");
            }
            return name.substring(1, sep).replace('_', '.');
        }

        static String description(String name) {
            int sep = name.indexOf("__");
            return sep < 0 ? name : name.substring(sep + 2).replace('_', ' ');
        }
    }
}
