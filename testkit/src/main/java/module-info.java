/**
 * Test support shared by every module: one FalkorDB server per test run (embedded, or
 * external via {@code FALKORDB_URL}), a graph per test class, and the contract suites that
 * every provider module runs.
 */
module dev.falkor.orm.testkit {
    requires transitive dev.falkor.orm.spi;
    requires transitive org.junit.jupiter.api;
    requires dev.falkor.orm.embedded;
    requires org.junit.platform.launcher;
    requires org.slf4j;

    exports dev.falkor.orm.testkit;

    uses dev.falkor.orm.spi.TransportProvider;
    uses dev.falkor.orm.testkit.ServerLauncher;
    provides org.junit.platform.launcher.LauncherSessionListener
            with dev.falkor.orm.testkit.SharedServerSessionListener;
}
