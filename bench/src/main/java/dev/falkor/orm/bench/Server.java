package dev.falkor.orm.bench;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * The server a benchmark fork talks to, the mapper, and the raw client of the baseline: an
 * embedded FalkorDB started for the fork, or the one {@code FALKORDB_URL} names. Each benchmark
 * uses its own graph.
 */
final class Server implements AutoCloseable {
    static final ProtocolCommand QUERY = () -> "GRAPH.QUERY".getBytes(StandardCharsets.US_ASCII);
    static final ProtocolCommand RO_QUERY = () -> "GRAPH.RO_QUERY".getBytes(StandardCharsets.US_ASCII);

    private final EmbeddedFalkorDB embedded;
    final String graph;
    final FalkorOrm orm;
    /** The raw baseline: one plain Jedis connection. */
    final Jedis jedis;

    Server(String graph) {
        String external = System.getenv("FALKORDB_URL");
        this.embedded = external == null || external.isBlank() ? EmbeddedFalkorDB.start() : null;
        String url = embedded != null ? embedded.url() : external;
        this.graph = graph;
        this.orm = FalkorOrm.builder().url(url).graph(graph).lookup(MethodHandles.lookup()).build();
        URI uri = URI.create(url);
        this.jedis = new Jedis(uri.getHost(), uri.getPort());
        orm.transport().deleteGraph(graph);
    }

    /** Runs a raw write, {@code CYPHER <params> <text>} as the client libraries send it. */
    Object write(String cypherWithParams) {
        return jedis.sendCommand(QUERY, bytes(graph), bytes(cypherWithParams), bytes("--compact"));
    }

    /** Runs a raw read. */
    @SuppressWarnings("unchecked")
    List<Object> read(String cypherWithParams) {
        return (List<Object>) jedis.sendCommand(RO_QUERY, bytes(graph), bytes(cypherWithParams), bytes("--compact"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            orm.transport().deleteGraph(graph);
        } finally {
            jedis.close();
            orm.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
