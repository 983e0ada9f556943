package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.embedded.EmbeddedCluster;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.embedded.EmbeddedReplication;
import dev.falkor.orm.embedded.EmbeddedSentinel;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.value.IntegerValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scale-out on Redis' own machinery, for real, on one machine: a primary with a replica, a
 * Sentinel failover, a three-shard cluster. Every transport runs it; a transport that cannot
 * route reads to replicas says so ({@link #routesReadsToReplicas()}) and must refuse such a
 * configuration instead.
 */
public abstract class ScaleOutContract {

    protected abstract TransportProvider provider();

    /** Whether the transport sends {@code GRAPH.RO_QUERY} to replicas when asked to. */
    protected abstract boolean routesReadsToReplicas();

    private static long count(Transport t, String graph, String label) {
        return ((IntegerValue) t.execute(GraphQuery.read(graph, "MATCH (n:" + label + ") RETURN count(n)", Map.of()))
                .scalar()).value();
    }

    /** How many GRAPH.RO_QUERY calls the server has answered ({@code INFO commandstats}). */
    private long readOnlyCalls(EmbeddedFalkorDB server) {
        try (Transport direct = provider().create(TransportConfig.fromUrl(server.url()))) {
            String stats = String.valueOf(direct.command("INFO", "commandstats"));
            for (String line : stats.split("\r?\n")) {
                if (line.toLowerCase().startsWith("cmdstat_graph.ro_query:calls=")) {
                    return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
                }
            }
            return 0;
        }
    }

    @Test
    void readsGoToTheReplicaAndWritesToThePrimary() {
        try (EmbeddedReplication servers = EmbeddedReplication.start(1)) {
            EmbeddedFalkorDB primary = servers.primary();
            EmbeddedFalkorDB replica = servers.replicas().get(0);
            TransportConfig config = TransportConfig.fromUrl(primary.url()).toBuilder()
                    .replicas(replica.host() + ":" + replica.port())
                    .readFrom(TransportConfig.ReadFrom.REPLICA)
                    .readYourWrites(Duration.ofSeconds(5))
                    .build();
            if (!routesReadsToReplicas()) {
                ConfigurationException e = assertThrows(ConfigurationException.class, () -> provider().create(config));
                assertTrue(e.getMessage().contains("readFrom"), e.getMessage());
                // with reads from the primary the same topology works, and waits for the replica
                try (Transport t = provider().create(config.toBuilder().readFrom(TransportConfig.ReadFrom.PRIMARY)
                        .build())) {
                    t.execute(GraphQuery.write("replicated", "CREATE (:Item {i: 0})", Map.of()));
                    try (Transport onReplica = provider().create(TransportConfig.fromUrl(replica.url()))) {
                        assertEquals(1, count(onReplica, "replicated", "Item"), "the write waited for the replica");
                    }
                }
                return;
            }
            long before = readOnlyCalls(replica);
            long primaryBefore = readOnlyCalls(primary);
            try (Transport t = provider().create(config)) {
                for (int i = 0; i < 10; i++) {
                    t.execute(GraphQuery.write("replicated", "CREATE (:Item {i: $i})", Map.of("i", i)));
                    // read your writes: the write waited for the replica, so the replica has it
                    assertEquals(i + 1, count(t, "replicated", "Item"), "read " + i + " from the replica");
                }
            }
            assertTrue(readOnlyCalls(replica) - before >= 10, "the replica answered the reads");
            assertEquals(primaryBefore, readOnlyCalls(primary), "the primary answered none of them");
            try (Transport onReplica = provider().create(TransportConfig.fromUrl(replica.url()))) {
                FalkorOrmException e = assertThrows(FalkorOrmException.class,
                        () -> onReplica.execute(GraphQuery.write("replicated", "MATCH (n) RETURN count(n)", Map.of())));
                assertTrue(e.getMessage().contains("READONLY"), "a replica refuses GRAPH.QUERY, even a read: " + e);
            }
        }
    }

    /** How many times {@code command} ran on the server ({@code INFO commandstats}). */
    private long calls(EmbeddedFalkorDB server, String command) {
        try (Transport direct = provider().create(TransportConfig.fromUrl(server.url()))) {
            String stats = String.valueOf(direct.command("INFO", "commandstats"));
            for (String line : stats.split("\r?\n")) {
                if (line.toLowerCase().startsWith("cmdstat_" + command.toLowerCase() + ":calls=")) {
                    return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
                }
            }
            return 0;
        }
    }

    @Test
    void everyWriteWaitsForTheReplicasIncludingOneThatReturnsNodes() {
        try (EmbeddedReplication servers = EmbeddedReplication.start(1)) {
            EmbeddedFalkorDB primary = servers.primary();
            EmbeddedFalkorDB replica = servers.replicas().get(0);
            TransportConfig config = TransportConfig.fromUrl(primary.url()).toBuilder()
                    .replicas(replica.host() + ":" + replica.port())
                    .readYourWrites(Duration.ofSeconds(5))
                    .build();
            long before = calls(primary, "WAIT");
            int writes = 4;
            try (Transport t = provider().create(config)) {
                for (int i = 0; i < writes; i++) {
                    // a write returning a node: once known to, its reply's names are looked up in the same round trip
                    assertEquals(1, t.execute(GraphQuery.write("waited", "CREATE (n:Item {i: $i}) RETURN n",
                            Map.of("i", i))).rows().size());
                }
            }
            assertEquals(before + writes, calls(primary, "WAIT"), "each write was followed by its WAIT");
            try (Transport onReplica = provider().create(TransportConfig.fromUrl(replica.url()))) {
                assertEquals(writes, count(onReplica, "waited", "Item"), "the replica has every write");
            }
        }
    }

    @Test
    void aSentinelFailoverIsFollowedAndNoAcknowledgedWriteIsLost() throws Exception {
        try (EmbeddedReplication servers = EmbeddedReplication.start(1);
             EmbeddedSentinel sentinel = EmbeddedSentinel.start(servers.primary())) {
            TransportConfig config = TransportConfig.builder()
                    .sentinel(sentinel.masterName(), sentinel.host() + ":" + sentinel.port())
                    // acknowledged = on the replica too; once the replica is the primary, it has no replica
                    // left and each write waits this long
                    .readYourWrites(Duration.ofMillis(300))
                    .socketTimeout(Duration.ofSeconds(2))
                    .build();
            try (Transport t = provider().create(config)) {
                List<Integer> acknowledged = new ArrayList<>();
                List<Integer> notSent = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    t.execute(GraphQuery.write("failover", "CREATE (:Order {n: $n})", Map.of("n", i)));
                    acknowledged.add(i);
                }
                int oldPrimary = servers.primary().port();
                servers.primary().stop();
                // keep writing: calls fail clearly while there is no primary, then succeed on the new one
                List<FalkorOrmException> failures = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int n = 20;
                int afterFailover = 0;
                while (afterFailover < 5 && System.nanoTime() < deadline) {
                    try {
                        t.execute(GraphQuery.write("failover", "CREATE (:Order {n: $n})", Map.of("n", n)));
                        acknowledged.add(n);
                        afterFailover++;
                    } catch (ConnectionException e) {
                        failures.add(e);
                        if (e.outcome() == ConnectionException.Outcome.NOT_SENT) {
                            notSent.add(n);
                        }
                        pauseBriefly();
                    } catch (FalkorOrmException e) {
                        failures.add(e); // e.g. READONLY from a demoted node, or no primary yet
                        pauseBriefly();
                    }
                    n++;
                }
                assertEquals(5, afterFailover, "writes succeed again after the failover; failures: " + failures);
                assertFalse(failures.isEmpty(), "calls during the failover failed rather than hanging");
                for (FalkorOrmException f : failures) {
                    assertTrue(f.getMessage() != null && !f.getMessage().isBlank(), "a clear error: " + f);
                }
                assertNotEquals(String.valueOf(oldPrimary), sentinel.primaryAddress().replaceAll(".*:", ""),
                        "the Sentinel promoted the replica");
                Set<Long> stored = new HashSet<>();
                t.execute(GraphQuery.read("failover", "MATCH (o:Order) RETURN o.n", Map.of())).rows()
                        .forEach(r -> stored.add(((IntegerValue) r.get(0)).value()));
                for (int a : acknowledged) {
                    assertTrue(stored.contains((long) a), "acknowledged write " + a + " survived the failover");
                }
                for (int s : notSent) {
                    assertFalse(stored.contains((long) s), "a write reported as not sent was not applied: " + s);
                }
            }
        }
    }

    /** Lets a failover make progress between retries of a test's writer (bounded by its deadline). */
    private static void pauseBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void graphsSpreadOverTheShardsOfAClusterThroughOneTransport() {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(3)) {
            // one graph per shard: tenants whose keys hash to different slots
            List<String> graphs = new ArrayList<>();
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; graphs.size() < 3 && i < 1000; i++) {
                String g = "tenant:" + i;
                if (ports.add(cluster.nodeForKey(g).port())) {
                    graphs.add(g);
                }
            }
            assertEquals(3, graphs.size());
            TransportConfig config = TransportConfig.builder().cluster(cluster.seeds().get(0)).build();
            try (Transport t = provider().create(config)) {
                for (int i = 0; i < graphs.size(); i++) {
                    t.execute(GraphQuery.write(graphs.get(i), "UNWIND range(1, $n) AS k CREATE (:Doc {k: k})",
                            Map.of("n", i + 1)));
                }
                for (int i = 0; i < graphs.size(); i++) {
                    assertEquals(i + 1, count(t, graphs.get(i), "Doc"), graphs.get(i));
                    // the graph really lives on the shard owning its key
                    EmbeddedFalkorDB owner = cluster.nodeForKey(graphs.get(i));
                    try (Transport direct = provider().create(TransportConfig.fromUrl(owner.url()))) {
                        assertEquals(i + 1, count(direct, graphs.get(i), "Doc"));
                    }
                }
                assertTrue(t.listGraphs().containsAll(graphs), "every shard's graphs are listed: " + t.listGraphs());
                t.deleteGraph(graphs.get(0));
                assertFalse(t.listGraphs().contains(graphs.get(0)));
            }
        }
    }
}
