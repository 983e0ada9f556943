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
    /**
     * Whether replies are inspected for their server time: only in the server-time pass, never
     * while JMH measures (reading the statistics would add work and allocation to both candidates).
     */
    static volatile boolean timing;
    /** Server time ("Query internal execution time") of every statement either candidate sent, in ns. */
    final java.util.concurrent.atomic.LongAdder serverNanos = new java.util.concurrent.atomic.LongAdder();
    final String graph;
    final FalkorOrm orm;
    /** The same mapper with the built-in writer of one statement per entity ({@code batchWriter("plain")}). */
    final FalkorOrm plainOrm;
    /** The raw baseline: one plain Jedis connection. */
    final Jedis jedis;
    private final dev.falkor.orm.spi.Transport transport;

    Server(String graph) {
        String external = System.getenv("FALKORDB_URL");
        this.embedded = external == null || external.isBlank() ? EmbeddedFalkorDB.start() : null;
        String url = embedded != null ? embedded.url() : external;
        this.graph = graph;
        String provider = System.getProperty("bench.transport", "jedis");
        dev.falkor.orm.spi.Transport transport = java.util.ServiceLoader.load(dev.falkor.orm.spi.TransportProvider.class)
                .stream().map(java.util.ServiceLoader.Provider::get).filter(p -> p.name().equals(provider))
                .findFirst().orElseThrow().create(dev.falkor.orm.spi.TransportConfig.fromUrl(url));
        this.transport = new Timed(transport, serverNanos);
        this.orm = FalkorOrm.builder().transport(this.transport).graph(graph).cache("none").lookup(MethodHandles.lookup()).build();
        this.plainOrm = FalkorOrm.builder().transport(this.transport).graph(graph).cache("none").lookup(MethodHandles.lookup())
                .batchWriter("plain").build();
        URI uri = URI.create(url);
        this.jedis = new Jedis(uri.getHost(), uri.getPort());
        orm.transport().deleteGraph(graph);
    }

    /** Runs a raw write, {@code CYPHER <params> <text>} as the client libraries send it. */
    Object write(String cypherWithParams) {
        return timed(jedis.sendCommand(QUERY, bytes(graph), bytes(cypherWithParams), bytes("--compact")));
    }

    /** Runs a raw read. */
    @SuppressWarnings("unchecked")
    List<Object> read(String cypherWithParams) {
        return (List<Object>) timed(jedis.sendCommand(RO_QUERY, bytes(graph), bytes(cypherWithParams),
                bytes("--compact")));
    }

    /** Adds the server time a raw reply reports (its last part: the statistics lines). */
    @SuppressWarnings("unchecked")
    private Object timed(Object reply) {
        if (!timing) {
            return reply;
        }
        List<Object> parts = (List<Object>) reply;
        for (Object line : (List<Object>) parts.get(parts.size() - 1)) {
            String text = Raw.text(line);
            if (text.startsWith("Query internal execution time")) {
                serverNanos.add(nanos(text));
            }
        }
        return reply;
    }

    /** {@code "Query internal execution time: 0.123 milliseconds"} in ns. */
    static long nanos(String line) {
        String v = line.substring(line.indexOf(':') + 1).replace("milliseconds", "").trim();
        return (long) (Double.parseDouble(v) * 1_000_000);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The mapper's transport, adding up the server time of every reply. */
    private static final class Timed extends dev.falkor.orm.spi.ForwardingTransport {
        private final java.util.concurrent.atomic.LongAdder total;

        Timed(dev.falkor.orm.spi.Transport next, java.util.concurrent.atomic.LongAdder total) {
            super(next);
            this.total = total;
        }

        @Override
        public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery query) {
            dev.falkor.orm.spi.QueryResult r = super.execute(query);
            if (!timing) {
                return r;
            }
            String t = r.statistics().values().get("Query internal execution time");
            if (t != null) {
                total.add(Server.nanos("x: " + t));
            }
            return r;
        }
    }

    @Override
    public void close() {
        try {
            orm.transport().deleteGraph(graph);
        } finally {
            jedis.close();
            orm.close();
            plainOrm.close();
            transport.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
