package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.AuthenticationException;
import dev.falkor.orm.api.ConnectionException.Outcome;
import dev.falkor.orm.api.PermissionDeniedException;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.NodeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Authentication and Redis ACLs, against a dedicated embedded server whose default user has a
 * password and which has real ACL users: wrong or missing credentials raise
 * {@link AuthenticationException}, a missing permission raises {@link PermissionDeniedException}
 * naming the graph and changes nothing, and each user can do exactly what it is allowed to. A
 * provider module extends this class and returns its provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TransportSecurityContract {
    private static final String ADMIN_PASSWORD = "admin-pw-never-shown";
    private static final String READER_PASSWORD = "reader-pw-never-shown";
    private static final String WRITER_PASSWORD = "writer-pw-never-shown";
    private static final String VALUE = "value-never-shown";

    private EmbeddedFalkorDB server;
    private Transport admin;
    private String tenantGraph;
    private String otherGraph;

    /** The provider under test. */
    protected abstract TransportProvider provider();

    @BeforeAll
    void startServer() {
        server = EmbeddedFalkorDB.start();
        String unique = TestGraphs.uniqueName(getClass());
        tenantGraph = "tenant:" + unique;
        otherGraph = "other:" + unique;
        try (Transport setup = provider().create(TransportConfig.fromUrl(server.url()).toBuilder().poolSize(1).build())) {
            // reader: read-only queries on tenant:* graphs
            setup.command("ACL", "SETUSER", "reader", "reset", "on", ">" + READER_PASSWORD, "~tenant:*",
                    "+graph.ro_query");
            // writer: reads and writes on tenant:* graphs, no GRAPH.DELETE, no GRAPH.LIST
            setup.command("ACL", "SETUSER", "writer", "reset", "on", ">" + WRITER_PASSWORD, "~tenant:*",
                    "+graph.query", "+graph.ro_query");
            // queryonly: GRAPH.QUERY on tenant:* graphs, but not GRAPH.RO_QUERY
            setup.command("ACL", "SETUSER", "queryonly", "reset", "on", ">" + WRITER_PASSWORD, "~tenant:*",
                    "+graph.query");
            setup.command("ACL", "SETUSER", "retired", "reset", "off", ">" + WRITER_PASSWORD, "~*", "+@all");
            setup.command("CONFIG", "SET", "requirepass", ADMIN_PASSWORD); // the default user needs it from now on
        }
        admin = provider().create(base().password(ADMIN_PASSWORD).build());
        admin.execute(GraphQuery.write(tenantGraph, "UNWIND range(1, 3) AS i CREATE (:Doc {i: i})"));
        admin.execute(GraphQuery.write(otherGraph, "UNWIND range(1, 5) AS i CREATE (:Doc {i: i})"));
    }

    @AfterAll
    void stopServer() {
        try {
            if (admin != null) {
                // the embedded server's stop sends SHUTDOWN without credentials
                admin.command("CONFIG", "SET", "requirepass", "");
                admin.close();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    private TransportConfig.Builder base() {
        return TransportConfig.fromUrl(server.url()).toBuilder();
    }

    private Transport as(String user, String password) {
        return provider().create(base().username(user).password(password).build());
    }

    private long docs(String graph) {
        return ((IntegerValue) admin.execute(GraphQuery.read(graph, "MATCH (d:Doc) RETURN count(d)", Map.of()))
                .scalar()).value();
    }

    private static void assertNoSecrets(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            for (String secret : List.of(ADMIN_PASSWORD, READER_PASSWORD, WRITER_PASSWORD, VALUE, "wrong-pw")) {
                assertFalse(m.contains(secret), "secret in message: " + t);
            }
        }
    }

    private static AuthenticationException refused(Executable call) {
        AuthenticationException e = assertThrows(AuthenticationException.class, call);
        assertEquals(Outcome.NOT_SENT, e.outcome());
        assertNoSecrets(e);
        return e;
    }

    private PermissionDeniedException denied(String graph, Executable call) {
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class, call);
        assertEquals(graph, e.graph());
        assertTrue(e.getMessage().contains("'" + graph + "'"), "names the graph: " + e.getMessage());
        assertTrue(e.getMessage().contains("NOPERM"), "carries the server's reason: " + e.getMessage());
        assertNoSecrets(e);
        return e;
    }

    @Test
    void aWrongPasswordIsAnAuthenticationError() {
        try (Transport t = as("writer", "wrong-pw")) {
            AuthenticationException e = refused(() -> t.execute(GraphQuery.read(tenantGraph, "RETURN 1", Map.of())));
            assertTrue(e.getMessage().contains("'writer'"), "names the user: " + e.getMessage());
            assertTrue(e.getMessage().contains(server.host() + ":" + server.port()), "names the server: " + e.getMessage());
            refused(t::listGraphs);
        }
        try (Transport t = provider().create(base().password("wrong-pw").build())) {
            refused(() -> t.execute(GraphQuery.read(tenantGraph, "RETURN 1", Map.of())));
        }
    }

    @Test
    void noPasswordIsAnAuthenticationErrorThatSaysSo() {
        try (Transport t = provider().create(base().build())) {
            AuthenticationException e = refused(() -> t.execute(GraphQuery.write(tenantGraph,
                    "CREATE (:Doc {v: $v})", Map.of("v", VALUE))));
            assertTrue(e.getMessage().contains("requires authentication"), e.getMessage());
            assertTrue(e.getMessage().contains("no password is configured"), e.getMessage());
        }
        assertEquals(3, docs(tenantGraph), "nothing was written");
    }

    @Test
    void unknownAndDisabledUsersAreAuthenticationErrors() {
        try (Transport t = as("nobody", "wrong-pw")) {
            refused(() -> t.execute(GraphQuery.read(tenantGraph, "RETURN 1", Map.of())));
        }
        try (Transport t = as("retired", WRITER_PASSWORD)) {
            refused(() -> t.execute(GraphQuery.read(tenantGraph, "RETURN 1", Map.of())));
        }
    }

    @Test
    void aReaderReadsItsGraphsAndNothingElse() {
        try (Transport reader = as("reader", READER_PASSWORD)) {
            NodeValue doc = (NodeValue) reader.execute(GraphQuery.read(tenantGraph,
                    "MATCH (d:Doc) WHERE d.i = $i RETURN d", Map.of("i", 2))).scalar();
            assertEquals(List.of("Doc"), doc.labels());
            assertEquals(new IntegerValue(2), doc.property("i"));

            denied(otherGraph, () -> reader.execute(GraphQuery.read(otherGraph, "MATCH (d) RETURN count(d)", Map.of())));
            PermissionDeniedException write = denied(tenantGraph, () -> reader.execute(GraphQuery.write(tenantGraph,
                    "CREATE (:Doc {v: $v}) WITH 1 AS x MATCH (d:Doc) DETACH DELETE d", Map.of("v", VALUE))));
            assertTrue(write.getMessage().contains("reader"), "a denied command names the user: " + write.getMessage());
            assertEquals(List.of("v"), write.parameterNames());
            denied(tenantGraph, () -> reader.deleteGraph(tenantGraph));
            assertThrows(PermissionDeniedException.class, reader::listGraphs);
        }
        assertEquals(3, docs(tenantGraph), "no partial write");
        assertTrue(admin.listGraphs().contains(tenantGraph));
    }

    @Test
    void aUserWithoutReadOnlyQueriesGetsTheNodesItWrites() {
        // Decoding nodes looks up label and property names with read-only procedures; that must
        // not fail a write that the server has already applied.
        String scratch = tenantGraph + ":queryonly";
        try (Transport user = as("queryonly", WRITER_PASSWORD)) {
            NodeValue created = (NodeValue) user.execute(GraphQuery.write(scratch,
                    "CREATE (n:Fresh {k: $k}) RETURN n", Map.of("k", 7))).scalar();
            assertEquals(List.of("Fresh"), created.labels());
            assertEquals(new IntegerValue(7), created.property("k"));
            denied(scratch, () -> user.execute(GraphQuery.read(scratch, "MATCH (n) RETURN n", Map.of())));
        } finally {
            admin.deleteGraph(scratch);
        }
    }

    @Test
    void aWriterWritesItsGraphsOnly() {
        String scratch = tenantGraph + ":writer";
        try (Transport writer = as("writer", WRITER_PASSWORD)) {
            NodeValue created = (NodeValue) writer.execute(GraphQuery.write(scratch,
                    "CREATE (n:Note {v: $v}) RETURN n", Map.of("v", "ok"))).scalar();
            assertEquals(List.of("Note"), created.labels());
            assertEquals(new IntegerValue(1), writer.execute(GraphQuery.read(scratch,
                    "MATCH (n:Note) RETURN count(n)", Map.of())).scalar());

            // another tenant's graph: neither written, nor created, nor read
            denied(otherGraph, () -> writer.execute(GraphQuery.write(otherGraph,
                    "MATCH (d:Doc) DETACH DELETE d", Map.of())));
            String missing = "other:" + TestGraphs.uniqueName(getClass());
            denied(missing, () -> writer.execute(GraphQuery.write(missing, "CREATE (:Doc {v: $v})", Map.of("v", VALUE))));
            denied(otherGraph, () -> writer.execute(GraphQuery.read(otherGraph, "RETURN 1", Map.of())));
            // its own graphs, but a command it lacks
            denied(scratch, () -> writer.deleteGraph(scratch));

            assertEquals(5, docs(otherGraph), "the other tenant's graph is unchanged");
            assertFalse(admin.listGraphs().contains(missing), "no graph was created");
        } finally {
            admin.deleteGraph(scratch);
        }
    }
}
