package dev.falkor.orm.transport.lettuce.internal;

import dev.falkor.orm.spi.TransportConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The servers a transport talks to and the one connection object that reaches them (Lettuce
 * keeps one multiplexed connection per server behind it), opened lazily and replaced after a
 * failure. Routing is Lettuce's own: a master/replica connection sends {@code GRAPH.RO_QUERY} to
 * the nodes {@link ReadFrom} picks and everything else to the primary, following Sentinel's
 * failovers; a cluster connection routes each command by its key (the graph) and follows
 * {@code MOVED} redirections.
 */
abstract class Topology {
    /** The connections calls are spread over, round-robin; an empty slot is opened on its next use. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<CompletableFuture<StatefulConnection<byte[], byte[]>>>
            slots;
    /** What {@link #open()} returned for each slot: the connect a closing transport must still clean up after. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<CompletableFuture<? extends StatefulConnection<byte[], byte[]>>>
            connects;
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;
    /** The subclass's client, whatever its kind (set by {@link #use}). */
    private io.lettuce.core.AbstractRedisClient lettuceClient;

    Topology(TransportConfig config) {
        this.slots = new java.util.concurrent.atomic.AtomicReferenceArray<>(config.connections());
        this.connects = new java.util.concurrent.atomic.AtomicReferenceArray<>(config.connections());
    }

    static Topology of(TransportConfig config, ClientResources resources) {
        return switch (config.mode()) {
            case STANDALONE -> new Standalone(config, resources);
            case REPLICATED, SENTINEL -> new Replicated(config, resources);
            case CLUSTER -> new Cluster(config, resources);
        };
    }

    /** Opens the connection. */
    abstract CompletableFuture<? extends StatefulConnection<byte[], byte[]>> open();

    /** The Lettuce client, for {@code unwrap}. */
    final Object client() {
        return lettuceClient;
    }

    /** Shuts the client down, waiting at most 2 s. */
    final void shutdownClient() {
        lettuceClient.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Records the client a subclass made (in its constructor), for {@link #client()} and {@link #shutdownClient()}. */
    final <C extends io.lettuce.core.AbstractRedisClient> C use(C created) {
        this.lettuceClient = created;
        return created;
    }

    /**
     * One connection per primary, for commands every primary must answer ({@code GRAPH.LIST}); the
     * connection itself where there is one primary.
     */
    CompletableFuture<List<StatefulConnection<byte[], byte[]>>> primaries() {
        return connection().thenApply(List::of);
    }

    /** The connection to send on: the next slot's (opened if empty, or if it failed or closed). */
    final CompletableFuture<StatefulConnection<byte[], byte[]>> connection() {
        int slot = slots.length() == 1 ? 0 : Math.floorMod(next.getAndIncrement(), slots.length());
        CompletableFuture<StatefulConnection<byte[], byte[]>> c = slots.get(slot);
        if (usable(c)) {
            return c;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            c = slots.get(slot);
            if (usable(c)) {
                return c;
            }
            if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
                c.join().closeAsync();
            }
            CompletableFuture<? extends StatefulConnection<byte[], byte[]>> connect = open();
            c = connect.thenApply(connection -> (StatefulConnection<byte[], byte[]>) connection);
            connects.set(slot, connect);
            slots.set(slot, c);
            return c;
        }
    }

    /** Connecting, or connected and open. */
    private static boolean usable(CompletableFuture<StatefulConnection<byte[], byte[]>> c) {
        return c != null && (!c.isDone() || (!c.isCompletedExceptionally() && c.join().isOpen()));
    }

    /** Closes a connection found unusable; the next call of its slot opens another. */
    final void discard(StatefulConnection<byte[], byte[]> connection) {
        if (connection != null) {
            forget(connection);
            connection.closeAsync();
        }
    }

    /** Takes a connection out of use without closing it (yet): the next call of its slot opens another. */
    final synchronized void forget(StatefulConnection<byte[], byte[]> connection) {
        if (connection == null) {
            return;
        }
        for (int i = 0; i < slots.length(); i++) {
            CompletableFuture<StatefulConnection<byte[], byte[]>> c = slots.get(i);
            if (c != null && c.isDone() && !c.isCompletedExceptionally() && c.join() == connection) {
                slots.set(i, null);
            }
        }
    }

    final void close() {
        List<CompletableFuture<StatefulConnection<byte[], byte[]>>> open = new ArrayList<>();
        List<CompletableFuture<? extends StatefulConnection<byte[], byte[]>>> connecting = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < slots.length(); i++) {
                if (slots.get(i) != null) {
                    open.add(slots.getAndSet(i, null));
                }
                if (connects.get(i) != null) {
                    connecting.add(connects.getAndSet(i, null));
                }
            }
        }
        for (CompletableFuture<? extends StatefulConnection<byte[], byte[]>> connect : connecting) {
            // a connect still under way is closed when it completes
            connect.whenComplete((connection, e) -> {
                if (connection != null) {
                    connection.close();
                }
            });
        }
        for (CompletableFuture<StatefulConnection<byte[], byte[]>> c : open) {
            // calls waiting for a connection still being set up fail now, not after its handshake
            // times out: nothing of theirs was written
            c.completeExceptionally(new io.lettuce.core.RedisConnectionException(
                    "the transport was closed while its connection was being set up"));
            c.whenComplete((connection, e) -> {
                if (connection != null) {
                    connection.close();
                }
            });
        }
        shutdownClient();
    }

    /** The URI of one data node with the configuration's credentials, TLS and handshake timeout. */
    static RedisURI uri(TransportConfig config, String host, int port) {
        return credentials(RedisURI.builder().withHost(host).withPort(port), config).build();
    }

    private static RedisURI.Builder credentials(RedisURI.Builder b, TransportConfig config) {
        b.withSsl(config.ssl())
                .withVerifyPeer(config.verifyHostname() ? SslVerifyMode.FULL : SslVerifyMode.CA)
                .withTimeout(config.socketTimeout());
        if (config.password() != null) {
            if (config.username() != null) {
                b.withAuthentication(config.username(), config.password());
            } else {
                b.withPassword(config.password().toCharArray());
            }
        }
        return b;
    }

    static ReadFrom readFrom(TransportConfig.ReadFrom r) {
        return switch (r) {
            case PRIMARY -> ReadFrom.UPSTREAM;
            case PRIMARY_PREFERRED -> ReadFrom.UPSTREAM_PREFERRED;
            case REPLICA -> ReadFrom.REPLICA;
            case REPLICA_PREFERRED -> ReadFrom.REPLICA_PREFERRED;
            case ANY -> ReadFrom.ANY;
        };
    }

    /** One server, one multiplexed connection. */
    static final class Standalone extends Topology {
        private final RedisClient client;
        private final RedisURI uri;

        Standalone(TransportConfig config, ClientResources resources) {
            super(config);
            this.uri = uri(config, config.host(), config.port());
            this.client = use(RedisClient.create(resources, uri));
            client.setOptions(LettuceTransport.options(ClientOptions.builder(), config).build());
        }

        @Override
        CompletableFuture<? extends StatefulConnection<byte[], byte[]>> open() {
            return client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
        }
    }

    /**
     * A primary and its replicas, given ({@code replicas(...)}) or discovered from Sentinels
     * ({@code sentinel(...)}, following failovers): Lettuce's master/replica connection.
     */
    static final class Replicated extends Topology {
        private final RedisClient client;
        private final List<RedisURI> uris;
        private final ReadFrom readFrom;

        Replicated(TransportConfig config, ClientResources resources) {
            super(config);
            this.client = use(RedisClient.create(resources));
            client.setOptions(LettuceTransport.options(ClientOptions.builder(), config).build());
            this.readFrom = readFrom(config.readFrom());
            List<RedisURI> list = new ArrayList<>();
            if (config.mode() == TransportConfig.Mode.SENTINEL) {
                TransportConfig.Address first = config.nodes().get(0);
                RedisURI.Builder b = RedisURI.Builder.sentinel(first.host(), first.port(), config.sentinelMaster());
                for (TransportConfig.Address a : config.nodes().subList(1, config.nodes().size())) {
                    b.withSentinel(a.host(), a.port());
                }
                list.add(credentials(b, config).build());
            } else {
                list.add(uri(config, config.host(), config.port()));
                for (TransportConfig.Address a : config.nodes()) {
                    list.add(uri(config, a.host(), a.port()));
                }
            }
            this.uris = List.copyOf(list);
        }

        @Override
        CompletableFuture<? extends StatefulConnection<byte[], byte[]>> open() {
            CompletableFuture<StatefulRedisMasterReplicaConnection<byte[], byte[]>> c = uris.size() == 1
                    ? MasterReplica.connectAsync(client, ByteArrayCodec.INSTANCE, uris.get(0))
                    : MasterReplica.connectAsync(client, ByteArrayCodec.INSTANCE, uris);
            return c.thenApply(connection -> {
                connection.setReadFrom(readFrom);
                return connection;
            });
        }
    }

    /** A Redis Cluster: commands routed by their key, the graph, to the shard owning its slot. */
    static final class Cluster extends Topology {
        private final RedisClusterClient client;
        private final ReadFrom readFrom;

        Cluster(TransportConfig config, ClientResources resources) {
            super(config);
            List<RedisURI> seeds = new ArrayList<>();
            for (TransportConfig.Address a : config.nodes()) {
                seeds.add(uri(config, a.host(), a.port()));
            }
            this.client = use(RedisClusterClient.create(resources, seeds));
            client.setOptions(LettuceTransport.options(ClusterClientOptions.builder(), config)
                    // node connections are opened on demand: a command for a node still connecting waits
                    // for it (bounded by the call's deadline) instead of being refused
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    // the slot map is refreshed on MOVED/ASK and reconnects: Lettuce 7's default triggers
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().build())
                    .build());
            this.readFrom = readFrom(config.readFrom());
        }

        @Override
        CompletableFuture<? extends StatefulConnection<byte[], byte[]>> open() {
            // the slot map first: a cluster connection routes by it
            return client.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(v -> client.connectAsync(ByteArrayCodec.INSTANCE)).thenApply(connection -> {
                connection.setReadFrom(readFrom);
                return connection;
            });
        }

        @Override
        @SuppressWarnings("unchecked")
        CompletableFuture<List<StatefulConnection<byte[], byte[]>>> primaries() {
            return connection().thenCompose(c -> {
                StatefulRedisClusterConnection<byte[], byte[]> cluster = (StatefulRedisClusterConnection<byte[], byte[]>) c;
                List<CompletableFuture<? extends StatefulConnection<byte[], byte[]>>> nodes = new ArrayList<>();
                for (RedisClusterNode node : cluster.getPartitions()) {
                    if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                        nodes.add(cluster.getConnectionAsync(node.getNodeId()));
                    }
                }
                return CompletableFuture.allOf(nodes.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                    List<StatefulConnection<byte[], byte[]>> out = new ArrayList<>();
                    for (CompletableFuture<? extends StatefulConnection<byte[], byte[]>> n : nodes) {
                        out.add(n.join());
                    }
                    return out;
                });
            });
        }
    }
}
