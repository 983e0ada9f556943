package dev.falkor.orm.core;

/**
 * Runs when a {@link FalkorOrm} has been built, before it is handed to the application; found
 * with {@link java.util.ServiceLoader}. A module uses it to act at application start by
 * configuration: {@code falkor-orm-migrations} migrates the graph when the
 * {@code falkor.orm.migrate} setting is present ({@link FalkorOrm#setting}). A hook that throws
 * fails the build, and the mapper is closed.
 */
public interface StartupHook {

    /** Called once per mapper built. */
    void started(FalkorOrm orm);
}
