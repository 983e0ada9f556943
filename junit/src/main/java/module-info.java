/**
 * {@link dev.falkor.orm.junit.FalkorDBTest}: a JUnit 5 extension for users' tests, giving each
 * test class the shared FalkorDB server of the run, a fresh graph and a mapper on it.
 */
module dev.falkor.orm.junit {
    requires transitive dev.falkor.orm.core;
    requires transitive dev.falkor.orm.testkit;
    requires transitive org.junit.jupiter.api;

    exports dev.falkor.orm.junit;
}
