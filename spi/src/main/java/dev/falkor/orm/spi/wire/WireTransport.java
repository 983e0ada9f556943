package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.InvalidParameterException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.StringValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a transport does except moving bytes: parameter encoding, command assembly
 * ({@code --compact}, {@code TIMEOUT}, read-only routing), reply decoding with the per-graph
 * name cache, error translation and query logging. A provider implements {@link #send}.
 *
 * <p>Every query is logged at debug level on the logger {@code dev.falkor.orm.query} with its
 * graph, parameter names (never values), client-side and server-side time.
 */
public abstract class WireTransport implements Transport {
    private static final Logger QUERY_LOG = LoggerFactory.getLogger("dev.falkor.orm.query");
    private static final SchemaNames NO_NAMES = new SchemaNames() {
        @Override
        public String label(int id) {
            throw new IllegalStateException("unexpected label in a procedure reply");
        }

        @Override
        public String relationshipType(int id) {
            throw new IllegalStateException("unexpected relationship in a procedure reply");
        }

        @Override
        public String propertyKey(int id) {
            throw new IllegalStateException("unexpected property in a procedure reply");
        }
    };

    /** UNION ALL keeps each procedure's rows in id order; column s tells the section. */
    private static final String NAMES_QUERY = "CALL db.labels() YIELD label RETURN 0 AS s, label AS name"
            + " UNION ALL CALL db.relationshipTypes() YIELD relationshipType RETURN 1 AS s, relationshipType AS name"
            + " UNION ALL CALL db.propertyKeys() YIELD propertyKey RETURN 2 AS s, propertyKey AS name";

    private final TransportConfig config;
    private final Map<String, GraphSchemaCache> schemas = new ConcurrentHashMap<>();

    protected WireTransport(TransportConfig config) {
        this.config = config;
    }

    /**
     * Sends one command and returns its reply as plain Java values ({@code String},
     * {@code Long}, {@code Double}, {@code List<Object>}, {@code null}).
     *
     * @throws ServerErrorReply                         the server answered with an error
     * @throws dev.falkor.orm.api.ConnectionException   the server could not be reached
     */
    protected abstract Object send(String command, List<String> arguments);

    /** The configuration this transport was created with. */
    public TransportConfig config() {
        return config;
    }

    @Override
    public final QueryResult execute(GraphQuery query) {
        List<String> names = List.copyOf(query.parameters().keySet());
        String text;
        try {
            text = ParameterEncoder.render(query.cypher(), query.parameters());
        } catch (InvalidParameterException e) {
            throw e.inQuery(query.graph(), query.cypher(), names);
        }
        List<String> args = new ArrayList<>(5);
        args.add(query.graph());
        args.add(text);
        Duration timeout = query.timeout() != null ? query.timeout() : config.defaultQueryTimeout();
        if (timeout != null) {
            args.add("TIMEOUT");
            args.add(Long.toString(Math.max(1, timeout.toMillis())));
        }
        args.add("--compact");
        String command = query.readOnly() ? "GRAPH.RO_QUERY" : "GRAPH.QUERY";
        long start = System.nanoTime();
        Object reply;
        try {
            reply = send(command, args);
        } catch (ServerErrorReply e) {
            QueryException ex = ServerErrors.translate(e.getMessage(), query.graph(), query.cypher(), names, e);
            if (QUERY_LOG.isDebugEnabled()) {
                QUERY_LOG.debug("{} graph={} failed after {} ms params={}: {} -- {}", command, query.graph(),
                        millis(start), names, query.cypher(), e.getMessage());
            }
            throw ex;
        }
        QueryResult result = decodeVerified(reply, query.graph());
        if (QUERY_LOG.isDebugEnabled()) {
            QUERY_LOG.debug("{} graph={} took {} ms (server {} ms) rows={} params={}: {}", command,
                    query.graph(), millis(start), result.statistics().executionTimeMillis(),
                    result.rows().size(), names, query.cypher());
        }
        return result;
    }

    @Override
    public void deleteGraph(String graph) {
        GraphQuery.checkGraphName(graph);
        try {
            send("GRAPH.DELETE", List.of(graph));
        } catch (ServerErrorReply e) {
            if (!String.valueOf(e.getMessage()).contains("empty key")) {
                throw ServerErrors.translate(e.getMessage(), graph, "GRAPH.DELETE", List.of(), e);
            }
        } finally {
            // ids restart when a graph is recreated: names cached for the old one are wrong
            schemas.remove(graph);
        }
    }

    @Override
    public List<String> listGraphs() {
        Object reply = command("GRAPH.LIST");
        List<String> out = new ArrayList<>();
        if (reply instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    @Override
    public Object command(String name, String... arguments) {
        try {
            return send(name, List.of(arguments));
        } catch (ServerErrorReply e) {
            throw ServerErrors.translate(e.getMessage(), arguments.length > 0 ? arguments[0] : null,
                    name, List.of(), e);
        }
    }

    /**
     * Decodes a reply; when it carried nodes or relationships (whose labels, types and keys
     * arrive as ids), checks that the cached id-to-name tables still describe the graph and
     * decodes again with fresh tables if the graph was re-created meanwhile.
     */
    private QueryResult decodeVerified(Object reply, String graph) {
        GraphSchemaCache cache = schema(graph);
        UsageTracker tracker = new UsageTracker(cache);
        QueryResult result = CompactReplyDecoder.decode(reply, tracker);
        if (!tracker.used) {
            return result;
        }
        List<List<String>> current = currentNames(graph);
        if (cache.verify(current.get(0), current.get(1), current.get(2))) {
            return result;
        }
        QUERY_LOG.debug("graph={} was re-created since its names were cached; decoding the reply again", graph);
        return CompactReplyDecoder.decode(reply, cache);
    }

    /** Labels, relationship types and property keys of a graph, in id order, in one round trip. */
    private List<List<String>> currentNames(String graph) {
        Object reply = readOnlyProcedure(graph, NAMES_QUERY);
        List<List<String>> out = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (List<GraphValue> row : CompactReplyDecoder.decode(reply, NO_NAMES).rows()) {
            out.get((int) ((dev.falkor.orm.spi.value.IntegerValue) row.get(0)).value())
                    .add(((StringValue) row.get(1)).value());
        }
        return out;
    }

    /**
     * Runs one of the name lookups, which only read, with {@code GRAPH.RO_QUERY}; a user whose
     * ACL allows {@code GRAPH.QUERY} but not {@code GRAPH.RO_QUERY} would otherwise see a write
     * succeed and the call fail on the lookup, so a denial repeats it with {@code GRAPH.QUERY}
     * (the text is one of this class's fixed procedure calls: it cannot write).
     */
    private Object readOnlyProcedure(String graph, String cypher) {
        try {
            return send("GRAPH.RO_QUERY", List.of(graph, cypher, "--compact"));
        } catch (ServerErrorReply e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("NOPERM") && message.contains("'graph.RO_QUERY' command")) {
                try {
                    return send("GRAPH.QUERY", List.of(graph, cypher, "--compact"));
                } catch (ServerErrorReply again) {
                    throw ServerErrors.translate(again.getMessage(), graph, cypher, List.of(), again);
                }
            }
            throw ServerErrors.translate(e.getMessage(), graph, cypher, List.of(), e);
        }
    }

    /** Records whether decoding needed any name, i.e. the reply held nodes or relationships. */
    private static final class UsageTracker implements SchemaNames {
        private final SchemaNames delegate;
        private boolean used;

        UsageTracker(SchemaNames delegate) {
            this.delegate = delegate;
        }

        @Override
        public String label(int id) {
            used = true;
            return delegate.label(id);
        }

        @Override
        public String relationshipType(int id) {
            used = true;
            return delegate.relationshipType(id);
        }

        @Override
        public String propertyKey(int id) {
            used = true;
            return delegate.propertyKey(id);
        }
    }

    private GraphSchemaCache schema(String graph) {
        return schemas.computeIfAbsent(graph, g -> new GraphSchemaCache(g, procedure -> loadNames(g, procedure)));
    }

    private List<String> loadNames(String graph, String procedure) {
        Object reply = readOnlyProcedure(graph, "CALL " + procedure);
        QueryResult r = CompactReplyDecoder.decode(reply, NO_NAMES);
        List<String> names = new ArrayList<>(r.rows().size());
        for (List<GraphValue> row : r.rows()) {
            names.add(((StringValue) row.get(0)).value());
        }
        return names;
    }

    private static String millis(long startNanos) {
        return String.format("%.3f", (System.nanoTime() - startNanos) / 1e6);
    }
}
