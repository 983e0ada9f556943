package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.InvalidParameterException;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.StringValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The FalkorDB wire format, without I/O: a query to the command a transport sends, and a reply
 * back to a result, or to "these names are needed" when the reply holds labels, relationship
 * types or property keys (which the compact format sends as ids) that the cache lacks. A
 * transport's driver does the round trips this asks for; {@link WireTransport} holds a
 * blocking and a non-blocking driver, so a provider only moves bytes.
 */
public final class WireCodec {
    /** UNION ALL keeps each procedure's rows in id order; column s tells the section. */
    static final String NAMES_QUERY = "CALL db.labels() YIELD label RETURN 0 AS s, label AS name"
            + " UNION ALL CALL db.relationshipTypes() YIELD relationshipType RETURN 1 AS s, relationshipType AS name"
            + " UNION ALL CALL db.propertyKeys() YIELD propertyKey RETURN 2 AS s, propertyKey AS name";

    private static final byte[] NAMES_BYTES = NAMES_QUERY.getBytes(StandardCharsets.US_ASCII);

    private WireCodec() {
    }

    /**
     * One command to send: its name and arguments, the timeout that bounds it (the query's or
     * the configured default, or null), and for messages the graph and the parameter names.
     */
    public record Command(String name, String graph, byte[] text, Duration timeout, String cypher,
                          List<String> parameterNames) {

        /** The arguments as UTF-8 bytes, as they go on the wire; the query text is not copied. */
        public byte[][] argumentBytes() {
            byte[] graphBytes = graph.getBytes(StandardCharsets.UTF_8);
            if (timeout == null) {
                return new byte[][] {graphBytes, text, COMPACT};
            }
            return new byte[][] {graphBytes, text, TIMEOUT, Long.toString(timeoutMillis()).getBytes(StandardCharsets.US_ASCII),
                    COMPACT};
        }

        /** The arguments as strings, for transports that take strings (decodes the text once more). */
        public List<String> arguments() {
            List<String> args = new ArrayList<>(5);
            args.add(graph);
            args.add(new String(text, StandardCharsets.UTF_8));
            if (timeout != null) {
                args.add("TIMEOUT");
                args.add(Long.toString(timeoutMillis()));
            }
            args.add("--compact");
            return args;
        }

        private long timeoutMillis() {
            return Math.max(1, timeout.toMillis());
        }
    }

    private static final byte[] COMPACT = "--compact".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMEOUT = "TIMEOUT".getBytes(StandardCharsets.US_ASCII);

    /** The outcome of decoding a reply. */
    public sealed interface Decoding {
    }

    /**
     * The decoded result; {@code usedNames} if it held nodes, relationships or paths, whose
     * names came from the cache and must be checked against the server (see
     * {@link GraphSchemaCache}).
     */
    public record Decoded(QueryResult result, boolean usedNames) implements Decoding {
    }

    /** The reply holds ids the cache does not know: fetch the names ({@link #namesQuery}) and decode again. */
    public record NeedsNames(String graph) implements Decoding {
    }

    /**
     * {@code GRAPH.QUERY}/{@code GRAPH.RO_QUERY graph "CYPHER p=... <cypher>" [TIMEOUT ms] --compact}.
     *
     * @throws InvalidParameterException naming the query and the parameter that cannot be sent
     */
    public static Command encode(GraphQuery query, TransportConfig config) {
        List<String> names = new Names(query.parameters().keySet());
        byte[] text;
        try {
            text = ParameterEncoder.renderUtf8(query.cypher(), query.parameters());
        } catch (InvalidParameterException e) {
            throw e.inQuery(query.graph(), query.cypher(), names);
        }
        Duration timeout = query.timeout() != null ? query.timeout() : config.defaultQueryTimeout();
        return new Command(query.readOnly() ? "GRAPH.RO_QUERY" : "GRAPH.QUERY", query.graph(), text, timeout,
                query.cypher(), names);
    }

    /** The parameter names, copied only when someone reads them (a message, a log line). */
    private static final class Names extends java.util.AbstractList<String> {
        private final java.util.Set<String> keys;
        private List<String> copy;

        Names(java.util.Set<String> keys) {
            this.keys = keys;
        }

        private List<String> list() {
            if (copy == null) {
                copy = List.copyOf(keys);
            }
            return copy;
        }

        @Override
        public String get(int index) {
            return list().get(index);
        }

        @Override
        public int size() {
            return keys.size();
        }
    }

    /**
     * The {@code TIMEOUT} of a raw {@code GRAPH.QUERY}/{@code GRAPH.RO_QUERY} command's arguments
     * (after the graph and the text), or {@code null}: a transport's client-side deadline for it.
     */
    public static Duration timeoutOf(String command, List<String> arguments) {
        if (!command.equalsIgnoreCase("GRAPH.QUERY") && !command.equalsIgnoreCase("GRAPH.RO_QUERY")) {
            return null;
        }
        for (int i = 2; i + 1 < arguments.size(); i++) {
            if (arguments.get(i).equalsIgnoreCase("TIMEOUT")) {
                try {
                    return Duration.ofMillis(Long.parseLong(arguments.get(i + 1)));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Rejects a raw {@code GRAPH.*} command with a NUL in an argument: FalkorDB reads them as C
     * strings, so a NUL would cut a graph name short and name another graph. Nothing is sent.
     */
    public static void checkCommand(String command, List<String> arguments) {
        if (!command.regionMatches(true, 0, "GRAPH.", 0, 6)) {
            return;
        }
        String graph = graphOf(command, arguments);
        if (graph != null) {
            GraphQuery.checkGraphName(graph);
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).indexOf('\0') >= 0) {
                throw new dev.falkor.orm.api.InvalidQueryException("Argument " + (i + 1) + " of " + command
                        + " contains a NUL character; FalkorDB would cut it there (a graph name would name another "
                        + "graph). Nothing was sent");
            }
        }
    }

    /**
     * The arguments of the {@code WAIT} that follows each write on its connection when
     * {@link TransportConfig#readYourWrites()} is set (every replica of a replicated set, or one
     * replica of a cluster shard's primary, within the configured time), or {@code null} when
     * writes are not waited for (not set, or a standalone server). Both transports use it.
     */
    public static byte[][] waitArguments(TransportConfig config) {
        if (config.readYourWrites() == null || config.mode() == TransportConfig.Mode.STANDALONE) {
            return null;
        }
        int replicas = config.mode() == TransportConfig.Mode.REPLICATED ? config.nodes().size() : 1;
        long millis = Math.max(1, config.readYourWrites().toMillis());
        return new byte[][] {Integer.toString(replicas).getBytes(StandardCharsets.US_ASCII),
                Long.toString(millis).getBytes(StandardCharsets.US_ASCII)};
    }

    /** Whether {@code command} is a write to follow with {@code WAIT}: a wait is set and it is no read-only query. */
    public static boolean waitsAfter(Command command, byte[][] waitArguments) {
        return waitArguments != null && !"GRAPH.RO_QUERY".equals(command.name());
    }

    /**
     * A raw reply made plain for {@code Transport.execute}: {@code byte[]} strings to
     * {@code String}s, lists copied recursively, numbers and {@code null} as they are. An error
     * a driver left nested in an array reply (a {@code Throwable} element) is thrown as a
     * {@link ServerErrorReply}.
     */
    public static Object plainReply(Object raw) {
        if (raw instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (raw instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(plainReply(o));
            }
            return out;
        }
        if (raw instanceof Throwable e) {
            throw new ServerErrorReply(e.getMessage(), e);
        }
        return raw; // Long, Double (RESP3), null
    }

    /** Commands whose first argument is a graph name. */
    private static final List<String> GRAPH_FIRST = List.of("GRAPH.QUERY", "GRAPH.RO_QUERY", "GRAPH.DELETE",
            "GRAPH.EXPLAIN", "GRAPH.PROFILE", "GRAPH.COPY", "GRAPH.SLOWLOG", "GRAPH.CONSTRAINT");

    /** The graph a raw command names (its first argument for the graph commands), or {@code null}. */
    public static String graphOf(String command, List<String> arguments) {
        if (arguments.isEmpty()) {
            return null;
        }
        String upper = command.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("GRAPH.CONSTRAINT")) {
            return arguments.size() > 1 ? arguments.get(1) : null; // GRAPH.CONSTRAINT CREATE|DROP <graph> ...
        }
        return GRAPH_FIRST.contains(upper) ? arguments.get(0) : null;
    }

    /** The one read-only statement that fetches a graph's labels, types and keys in id order. */
    public static Command namesQuery(String graph, boolean readOnly) {
        return new Command(readOnly ? "GRAPH.RO_QUERY" : "GRAPH.QUERY", graph, NAMES_BYTES, null, NAMES_QUERY, List.of());
    }

    /**
     * Decodes a reply ({@code String} or {@code byte[]} strings, {@code Long}, {@code List}) with
     * the names the cache holds; never does I/O.
     */
    public static Decoding decode(Object reply, String graph, GraphSchemaCache cache) {
        GraphSchemaCache.Lookup lookup = cache.lookup();
        QueryResult result = CompactReplyDecoder.decode(reply, lookup);
        if (lookup.missed()) {
            return new NeedsNames(graph);
        }
        return new Decoded(result, lookup.used());
    }

    /**
     * Installs the reply of {@link #namesQuery}; the snapshot says whether every name cached
     * before still holds, and decodes the reply it was fetched for ({@link #decode(Object, String,
     * GraphSchemaCache.Snapshot)}).
     */
    public static GraphSchemaCache.Snapshot installNames(Object reply, GraphSchemaCache cache) {
        List<List<String>> out = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (List<GraphValue> row : CompactReplyDecoder.decode(reply, GraphSchemaCache.NONE).rows()) {
            out.get((int) ((IntegerValue) row.get(0)).value()).add(((StringValue) row.get(1)).value());
        }
        return cache.install(out.get(0), out.get(1), out.get(2));
    }

    /** Decodes a reply with the names fetched after it, immune to what other threads cache meanwhile. */
    public static Decoding decode(Object reply, String graph, GraphSchemaCache.Snapshot names) {
        GraphSchemaCache.Lookup lookup = names.lookup();
        QueryResult result = CompactReplyDecoder.decode(reply, lookup);
        return lookup.missed() ? new NeedsNames(graph) : new Decoded(result, lookup.used());
    }
}
