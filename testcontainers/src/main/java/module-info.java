/**
 * FalkorDB in a container for tests: {@link dev.falkor.orm.testcontainers.FalkorDBContainer}
 * runs the official {@code falkordb/falkordb} image through Testcontainers, and the testkit's
 * {@code testcontainers} server launcher ({@code -Dfalkordb.server=testcontainers}) makes it the
 * test run's shared server. Needs a reachable container engine; the embedded server needs none.
 *
 * <p>Testcontainers 2 declares no module name, so on the module path it is the automatic module
 * its file name gives, {@code testcontainers}; the build says so with a notice ("filename-based
 * automodules"). This module's own name is fixed.
 */
module dev.falkor.orm.testcontainers {
    requires transitive dev.falkor.orm.testkit;
    requires transitive testcontainers;

    exports dev.falkor.orm.testcontainers;

    provides dev.falkor.orm.testkit.ServerLauncher with dev.falkor.orm.testcontainers.ContainerLauncher;
}
