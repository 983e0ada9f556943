package dev.falkor.orm.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.embedded.internal.Processes;
import dev.falkor.orm.embedded.internal.Resp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topologies FalkorDB scales out on, run for real: replication, sentinel failover, cluster. */
class EmbeddedTopologyTest {

    @Test
    void replicasServeReadOnlyQueriesOfWhatThePrimaryWrote() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (EmbeddedReplication replication = EmbeddedReplication.start(2)) {
            EmbeddedFalkorDB primary = replication.primary();
            pids.add(primary.pid());
            replication.replicas().forEach(r -> pids.add(r.pid()));
            assertEquals(2, replication.replicas().size());
            for (EmbeddedFalkorDB replica : replication.replicas()) {
                assertTrue(info(replica, "replication").contains("master_link_status:up"));
                assertTrue(info(replica, "replication").contains("master_port:" + primary.port()));
            }
            call(primary, "GRAPH.QUERY", "social", "CREATE (:Person {name: 'Ada'})");
            assertEquals(2, replication.waitForReplicas(Duration.ofSeconds(5)));

            for (EmbeddedFalkorDB replica : replication.replicas()) {
                assertEquals(1L, count(replica, "GRAPH.RO_QUERY", "social", "MATCH (p:Person {name: 'Ada'}) RETURN count(p)"));
                Resp.ErrorReply write = assertThrows(Resp.ErrorReply.class,
                        () -> call(replica, "GRAPH.QUERY", "social", "CREATE (:Person {name: 'Bob'})"));
                assertEquals(EmbeddedReplication.READONLY_ERROR, write.getMessage());
                // GRAPH.QUERY is a write command: refused on a replica even when the query only reads.
                Resp.ErrorReply read = assertThrows(Resp.ErrorReply.class,
                        () -> call(replica, "GRAPH.QUERY", "social", "MATCH (p) RETURN count(p)"));
                assertEquals(EmbeddedReplication.READONLY_ERROR, read.getMessage());
            }
        }
        assertAllGone(pids);
    }

    @Test
    void aReplicaOfAGivenPrimaryWaitsForItsSync() throws IOException {
        try (EmbeddedFalkorDB primary = EmbeddedFalkorDB.start()) {
            call(primary, "GRAPH.QUERY", "before", "CREATE (:Written {before: true})");
            try (EmbeddedFalkorDB replica = EmbeddedFalkorDB.builder()
                    .replicaOf(primary.host(), primary.port()).start()) {
                // Synced when start() returns: what was written before is there without a WAIT.
                assertEquals(1L, count(replica, "GRAPH.RO_QUERY", "before", "MATCH (w:Written) RETURN count(w)"));
                assertTrue(info(replica, "replication").contains("role:slave"));
            }
        }
    }

    @Test
    void topologiesRefuseSettingsTheyChooseThemselves() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedReplication.start(1, b -> b.port(6379)));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedReplication.start(-1));
    }

    /** Every process has exited once its topology is closed. */
    static void assertAllGone(List<Long> pids) {
        assertFalse(pids.isEmpty());
        for (long pid : pids) {
            assertFalse(Processes.isRunning(pid), "redis-server " + pid + " still runs");
        }
    }

    static Object call(EmbeddedFalkorDB server, String... command) throws IOException {
        try (Resp resp = new Resp(server.host(), server.port(), 5_000)) {
            return resp.call(command);
        }
    }

    static String info(EmbeddedFalkorDB server, String section) throws IOException {
        return String.valueOf(call(server, "INFO", section));
    }

    /** The single number a {@code RETURN count(...)} query returns. */
    static long count(EmbeddedFalkorDB server, String command, String graph, String query) throws IOException {
        List<?> reply = (List<?>) call(server, command, graph, query, "--compact");
        List<?> rows = (List<?>) reply.get(1);
        List<?> cell = (List<?>) ((List<?>) rows.get(0)).get(0);
        assertFalse(rows.size() != 1, "one row: " + reply);
        return (Long) cell.get(1);
    }
}
