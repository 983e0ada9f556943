package dev.falkor.orm.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.embedded.internal.Resp;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every FalkorDB release the resolver offers starts, reports its version and runs Cypher. */
class ServerVersionsTest {

    @Test
    void theSupportedReleasesAreListedOldestFirst() {
        assertEquals(List.of("4.16.3", "4.18.3", "4.22.1"), BinaryResolver.supportedFalkorDBVersions());
    }

    @Test
    void anUnknownReleaseIsRefusedNamingTheSupportedOnes() {
        EmbeddedFalkorDBException e = assertThrows(EmbeddedFalkorDBException.class,
                () -> BinaryResolver.forFalkorDB("4.99.0"));
        assertTrue(e.getMessage().contains("FalkorDB 4.99.0") && e.getMessage().contains("4.16.3, 4.18.3, 4.22.1"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.16.3", "4.18.3", "4.22.1"})
    void eachReleaseStartsAndAnswers(String version) throws IOException {
        BinaryResolver resolver = BinaryResolver.forFalkorDB(version);
        assertEquals(version, resolver.falkordbVersion());
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.builder().resolver(resolver).start();
             Resp resp = new Resp(db.host(), db.port(), 5000)) {
            assertEquals(version, db.moduleVersion());
            assertTrue(Files.isRegularFile(db.binaries().module()));
            // the server's own word, independent of how the version was parsed at start-up
            String modules = String.valueOf(resp.call("MODULE", "LIST"));
            String[] parts = version.split("\\.");
            int encoded = Integer.parseInt(parts[0]) * 10000 + Integer.parseInt(parts[1]) * 100
                    + Integer.parseInt(parts[2]);
            assertTrue(modules.contains("graph") && modules.contains(Integer.toString(encoded)), modules);
            resp.call("GRAPH.QUERY", "versions", "CREATE (:V {n: 41})");
            Object reply = resp.call("GRAPH.QUERY", "versions", "MATCH (v:V) RETURN v.n + 1", "--compact");
            assertEquals(List.of(List.of(List.of(3L, 42L))), ((List<?>) reply).get(1));
        }
    }

    @Test
    void theDefaultResolverFollowsTheConfiguredRelease() {
        String configured = System.getProperty(BinaryResolver.FALKORDB_VERSION_PROPERTY);
        String env = System.getenv("FALKORDB_VERSION");
        String expected = configured != null && !configured.isBlank() ? configured.strip()
                : env != null && !env.isBlank() ? env.strip() : BinaryResolver.DEFAULT_FALKORDB_VERSION;
        assertEquals(expected, BinaryResolver.defaults().falkordbVersion());
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            assertEquals(expected, db.moduleVersion());
        }
    }

    @Test
    void moduleListRepliesAreParsed() {
        List<Object> reply = List.of(
                List.of("name", "vectorset", "ver", 1L, "path", "", "args", List.of()),
                List.of("name", "graph", "ver", 42201L, "path", "/x/falkordb.so", "args", List.of()));
        assertEquals("4.22.1", EmbeddedFalkorDB.graphModuleVersion(reply));
        assertEquals("4.16.3", EmbeddedFalkorDB.graphModuleVersion(List.of(List.of("name", "graph", "ver", "41603"))));
        assertEquals(null, EmbeddedFalkorDB.graphModuleVersion(List.of(List.of("name", "vectorset", "ver", 1L))));
        assertEquals(null, EmbeddedFalkorDB.graphModuleVersion("OK"));
    }
}
