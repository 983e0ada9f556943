package dev.falkor.orm.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.embedded.internal.Poll;
import dev.falkor.orm.embedded.internal.Processes;
import dev.falkor.orm.embedded.internal.Resp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void sentinelPromotesTheReplicaWhenThePrimaryStops() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (EmbeddedReplication replication = EmbeddedReplication.start(1);
             EmbeddedSentinel sentinel = EmbeddedSentinel.start(replication.primary())) {
            EmbeddedFalkorDB primary = replication.primary();
            EmbeddedFalkorDB replica = replication.replicas().get(0);
            pids.addAll(List.of(primary.pid(), replica.pid()));
            pids.addAll(sentinel.pids());
            assertEquals(EmbeddedSentinel.DEFAULT_MASTER_NAME, sentinel.masterName());
            assertEquals("127.0.0.1:" + primary.port(), sentinel.primaryAddress());
            assertEquals(List.of("127.0.0.1:" + sentinel.port()), sentinel.addresses());
            call(primary, "GRAPH.QUERY", "kept", "CREATE (:Kept)");
            assertEquals(1, replication.waitForReplicas(Duration.ofSeconds(5)));

            primary.stop();
            String promoted = "127.0.0.1:" + replica.port();
            Poll.until("the sentinel to promote " + promoted, Duration.ofSeconds(20),
                    () -> promoted.equals(sentinel.primaryAddress()) ? Boolean.TRUE : null);

            assertTrue(info(replica, "replication").contains("role:master"));
            assertEquals(1L, count(replica, "GRAPH.QUERY", "kept", "MATCH (k:Kept) RETURN count(k)"));
            call(replica, "GRAPH.QUERY", "kept", "CREATE (:Kept)"); // writable now
        }
        assertAllGone(pids);
    }

    @Test
    void threeSentinelsWithAQuorumOfTwoAgreeOnTheFailover() throws IOException {
        try (EmbeddedReplication replication = EmbeddedReplication.start(1);
             EmbeddedSentinel sentinels = EmbeddedSentinel.builder(replication.primary()).masterName("graphs")
                     .sentinels(3, 2).start()) {
            assertEquals(3, sentinels.addresses().size());
            for (String address : sentinels.addresses()) {
                int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
                try (Resp resp = new Resp("127.0.0.1", port, 2_000)) {
                    assertEquals("OK 3 usable Sentinels. Quorum and failover authorization can be reached",
                            resp.call("SENTINEL", "ckquorum", "graphs"));
                }
            }
            EmbeddedFalkorDB replica = replication.replicas().get(0);
            replication.primary().stop();
            String promoted = "127.0.0.1:" + replica.port();
            Poll.until("the sentinels to promote " + promoted, Duration.ofSeconds(20),
                    () -> promoted.equals(sentinels.primaryAddress()) ? Boolean.TRUE : null);
            assertTrue(info(replica, "replication").contains("role:master"));
        }
    }

    @Test
    void sentinelSettingsAreChecked() {
        try (EmbeddedFalkorDB primary = EmbeddedFalkorDB.start()) {
            assertThrows(IllegalArgumentException.class, () -> EmbeddedSentinel.builder(primary).sentinels(1, 2));
            assertThrows(IllegalArgumentException.class, () -> EmbeddedSentinel.builder(primary).masterName("a b"));
            assertThrows(IllegalArgumentException.class,
                    () -> EmbeddedSentinel.builder(primary).failureDetection(Duration.ZERO, Duration.ofSeconds(1)));
        }
    }

    @Test
    void clusterShardsGraphsByKeySlotAndRedirectsToTheOwner() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
            List<EmbeddedFalkorDB> nodes = cluster.nodes();
            assertEquals(EmbeddedCluster.DEFAULT_SHARDS, nodes.size());
            nodes.forEach(n -> pids.add(n.pid()));
            assertEquals(nodes.stream().map(n -> "127.0.0.1:" + n.port()).toList(), cluster.seeds());
            assertEquals(nodes.get(0).url(), cluster.url());
            for (EmbeddedFalkorDB node : nodes) {
                String info = String.valueOf(call(node, "CLUSTER", "INFO"));
                assertTrue(info.contains("cluster_state:ok"), info);
                assertTrue(info.contains("cluster_known_nodes:3"), info);
            }
            for (String key : List.of("social", "g1", "{user:1}.friends", "{user:1}.orders", "a{}b", "{}", "x{y}z{w}",
                    "caf\u00e9", "")) {
                assertEquals(call(nodes.get(1), "CLUSTER", "KEYSLOT", key), (long) EmbeddedCluster.slot(key), key);
            }
            assertEquals(EmbeddedCluster.slot("{user:1}.friends"), EmbeddedCluster.slot("{user:1}.orders"));

            // One graph per node: keys whose slots fall to different owners.
            Map<EmbeddedFalkorDB, String> graphOf = new LinkedHashMap<>();
            for (int i = 0; graphOf.size() < nodes.size(); i++) {
                graphOf.putIfAbsent(cluster.nodeForKey("graph-" + i), "graph-" + i);
            }
            for (Map.Entry<EmbeddedFalkorDB, String> e : graphOf.entrySet()) {
                EmbeddedFalkorDB owner = e.getKey();
                String graph = e.getValue();
                call(owner, "GRAPH.QUERY", graph, "CREATE (:Shard {graph: '" + graph + "'})");
                assertEquals(1L, count(owner, "GRAPH.RO_QUERY", graph, "MATCH (s:Shard) RETURN count(s)"));
                String moved = "MOVED " + EmbeddedCluster.slot(graph) + " 127.0.0.1:" + owner.port();
                for (EmbeddedFalkorDB other : nodes) {
                    if (other != owner) {
                        for (String command : List.of("GRAPH.QUERY", "GRAPH.RO_QUERY")) {
                            Resp.ErrorReply redirect = assertThrows(Resp.ErrorReply.class,
                                    () -> call(other, command, graph, "MATCH (s) RETURN count(s)"));
                            assertEquals(moved, redirect.getMessage(), command);
                        }
                    }
                }
            }
            // GRAPH.LIST is per node: each lists only the graph it owns.
            for (EmbeddedFalkorDB node : nodes) {
                assertEquals(List.of(graphOf.get(node)), call(node, "GRAPH.LIST"));
            }
        }
        assertAllGone(pids);
    }

    @Test
    void aOneShardClusterOwnsEverySlot() throws IOException {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(1)) {
            EmbeddedFalkorDB only = cluster.nodes().get(0);
            assertEquals(only, cluster.nodeForKey("anything"));
            call(only, "GRAPH.QUERY", "anything", "CREATE ()");
            assertTrue(String.valueOf(call(only, "CLUSTER", "INFO")).contains("cluster_slots_ok:16384"));
        }
        assertThrows(IllegalArgumentException.class, () -> EmbeddedCluster.start(0));
    }

    @Test
    void topologiesRefuseSettingsTheyChooseThemselves() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedReplication.start(1, b -> b.port(6379)));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedReplication.start(-1));
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddedCluster.start(2, b -> b.replicaOf("127.0.0.1", 6379)));
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
