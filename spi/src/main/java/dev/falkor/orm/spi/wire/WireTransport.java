package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of a transport: everything except moving bytes. It encodes queries with the
 * {@link WireCodec} (parameters, {@code --compact}, {@code TIMEOUT}, read-only routing),
 * decodes replies with the per-graph name cache, refreshes and verifies names as explicit
 * round trips, translates errors and logs queries. This is how to write a transport: extend
 * this class and implement {@link #send(String, List)} (blocking); override
 * {@link #send(WireCodec.Command)} to take the encoded command and its timeout directly and to
 * hand back strings as {@code byte[]} (the decoder converts only what it keeps), and
 * {@link #sendAsync(WireCodec.Command)} if the client is natively asynchronous.
 *
 * <p>Every query is logged at debug level on the logger {@code dev.falkor.orm.query} with its
 * graph, parameter names (never values), client-side and server-side time.
 */
public abstract class WireTransport implements Transport {
    private static final Logger QUERY_LOG = LoggerFactory.getLogger("dev.falkor.orm.query");

    private final TransportConfig config;
    private final Map<String, GraphSchemaCache> schemas = new ConcurrentHashMap<>();

    protected WireTransport(TransportConfig config) {
        this.config = config;
    }

    /**
     * Sends one command and returns its reply as plain Java values ({@code String} or
     * {@code byte[]}, {@code Long}, {@code Double}, {@code List<Object>}, {@code null}).
     *
     * @throws ServerErrorReply                         the server answered with an error
     * @throws dev.falkor.orm.api.ConnectionException   the server could not be reached
     */
    protected abstract Object send(String command, List<String> arguments);

    /**
     * Sends one encoded query. By default {@link #send(String, List)}; a transport overrides it
     * to use the command's timeout as its client-side deadline and its bytes directly.
     */
    protected Object send(WireCodec.Command command) {
        return send(command.name(), command.arguments());
    }

    /**
     * Sends an encoded query and, right behind it on the same connection, a follow-up (the
     * name lookup), in one round trip where the client can pipeline; returns both replies, a
     * server error of either as a {@link ServerErrorReply} in its slot (the first one's error
     * is thrown by the caller). By default two {@link #send(WireCodec.Command)} calls.
     */
    protected Object[] sendPipelined(WireCodec.Command command, WireCodec.Command followUp) {
        Object first = send(command);
        Object second;
        try {
            second = send(followUp);
        } catch (ServerErrorReply e) {
            second = e;
        }
        return new Object[] {first, second};
    }

    /**
     * Sends one encoded query without blocking the caller. By default {@link #send(WireCodec.Command)}
     * on the common pool; a natively asynchronous transport overrides it. The stage fails with
     * the same exceptions {@link #send(WireCodec.Command)} throws.
     */
    protected CompletionStage<Object> sendAsync(WireCodec.Command command) {
        return CompletableFuture.supplyAsync(() -> send(command));
    }

    /** The configuration this transport was created with. */
    public TransportConfig config() {
        return config;
    }

    @Override
    public final QueryResult execute(GraphQuery query) {
        WireCodec.Command command = WireCodec.encode(query, config);
        GraphSchemaCache cache = schema(query.graph());
        // a statement known to return nodes sends its name check behind it, in the same round trip
        boolean pipelined = cache.returnsEntities(query.cypher());
        long start = System.nanoTime();
        Object reply;
        Object namesReply = null;
        try {
            if (pipelined) {
                Object[] both = sendPipelined(command, WireCodec.namesQuery(query.graph(), true));
                reply = both[0];
                namesReply = both[1] instanceof ServerErrorReply ? null : both[1];
            } else {
                reply = send(command);
            }
        } catch (ServerErrorReply e) {
            throw failed(command, start, e);
        }
        WireCodec.Decoding d = WireCodec.decode(reply, query.graph(), cache);
        if (needsNames(d)) {
            if (!pipelined) {
                cache.rememberReturnsEntities(query.cypher());
            }
            d = withCurrentNames(reply, command, cache, d, namesReply != null ? namesReply : names(query.graph()));
        }
        return logged(command, start, ((WireCodec.Decoded) d).result());
    }

    @Override
    public final CompletionStage<QueryResult> executeAsync(GraphQuery query) {
        WireCodec.Command command;
        try {
            command = WireCodec.encode(query, config);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long start = System.nanoTime();
        GraphSchemaCache cache = schema(query.graph());
        return sendAsync(command).handle((reply, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                throw new CompletionException(cause instanceof ServerErrorReply e ? failed(command, start, e) : cause);
            }
            return reply;
        }).thenCompose(reply -> {
            WireCodec.Decoding d = WireCodec.decode(reply, query.graph(), cache);
            if (!needsNames(d)) {
                return CompletableFuture.completedFuture(logged(command, start, ((WireCodec.Decoded) d).result()));
            }
            return namesAsync(query.graph()).thenApply(names -> logged(command, start,
                    ((WireCodec.Decoded) withCurrentNames(reply, command, cache, d, names)).result()));
        });
    }

    /** True if the reply held ids, whose names must be checked against the server's current lists. */
    private static boolean needsNames(WireCodec.Decoding d) {
        return d instanceof WireCodec.NeedsNames || ((WireCodec.Decoded) d).usedNames();
    }

    /**
     * The decoding to keep, given the names fetched after the query ran (so at least as new as
     * its reply): {@code d} if the cached names still hold and sufficed, else the reply decoded
     * again with exactly the fetched names. Shared by the blocking and the non-blocking driver.
     */
    private WireCodec.Decoding withCurrentNames(Object reply, WireCodec.Command command, GraphSchemaCache cache,
                                                WireCodec.Decoding d, Object namesReply) {
        GraphSchemaCache.Snapshot names = WireCodec.installNames(namesReply, cache);
        return names.held() && d instanceof WireCodec.Decoded ? d : redecode(reply, command, names);
    }

    private WireCodec.Decoding redecode(Object reply, WireCodec.Command command, GraphSchemaCache.Snapshot names) {
        if (!names.held()) {
            QUERY_LOG.debug("graph={} was re-created since its names were cached; decoding the reply again",
                    command.graph());
        }
        WireCodec.Decoding again = WireCodec.decode(reply, command.graph(), names);
        if (again instanceof WireCodec.NeedsNames) {
            throw new IllegalStateException("Graph '" + command.graph() + "' sent a label, relationship type or "
                    + "property key id that its own db.labels()/db.relationshipTypes()/db.propertyKeys() do not list");
        }
        return again;
    }

    private QueryException failed(WireCodec.Command command, long start, ServerErrorReply e) {
        QueryException ex = ServerErrors.translate(e.getMessage(), command.graph(), command.cypher(),
                command.parameterNames(), e);
        if (QUERY_LOG.isDebugEnabled()) {
            if (ex instanceof dev.falkor.orm.api.GraphNotFoundException) {
                // a graph used for the first time: not a fault (the mapper reads it as empty)
                QUERY_LOG.debug("{} graph={} took {} ms: the graph does not exist (yet) params={}: {}", command.name(),
                        command.graph(), millis(start), command.parameterNames(), command.cypher());
            } else {
                QUERY_LOG.debug("{} graph={} failed after {} ms params={}: {} -- {}", command.name(), command.graph(),
                        millis(start), command.parameterNames(), command.cypher(), e.getMessage());
            }
        }
        return ex;
    }

    private static QueryResult logged(WireCodec.Command command, long start, QueryResult result) {
        if (QUERY_LOG.isDebugEnabled()) {
            QUERY_LOG.debug("{} graph={} took {} ms (server {} ms) rows={} params={}: {}", command.name(),
                    command.graph(), millis(start), result.statistics().executionTimeMillis(),
                    result.rows().size(), command.parameterNames(), command.cypher());
        }
        return result;
    }

    /**
     * The graph's current names, with {@code GRAPH.RO_QUERY}; a user whose ACL allows
     * {@code GRAPH.QUERY} but not {@code GRAPH.RO_QUERY} would otherwise see a write succeed and
     * the call fail on the lookup, so a denial repeats it with {@code GRAPH.QUERY} (the text is
     * the codec's fixed procedure call: it cannot write).
     */
    private Object names(String graph) {
        try {
            return send(WireCodec.namesQuery(graph, true));
        } catch (ServerErrorReply e) {
            if (deniedReadOnly(e)) {
                try {
                    return send(WireCodec.namesQuery(graph, false));
                } catch (ServerErrorReply again) {
                    throw ServerErrors.translate(again.getMessage(), graph, WireCodec.NAMES_QUERY, List.of(), again);
                }
            }
            throw ServerErrors.translate(e.getMessage(), graph, WireCodec.NAMES_QUERY, List.of(), e);
        }
    }

    private CompletionStage<Object> namesAsync(String graph) {
        return sendAsync(WireCodec.namesQuery(graph, true)).handle((reply, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                return CompletableFuture.completedFuture(reply);
            }
            if (cause instanceof ServerErrorReply e && deniedReadOnly(e)) {
                return sendAsync(WireCodec.namesQuery(graph, false));
            }
            CompletableFuture<Object> failed = new CompletableFuture<>();
            failed.completeExceptionally(cause instanceof ServerErrorReply e
                    ? ServerErrors.translate(e.getMessage(), graph, WireCodec.NAMES_QUERY, List.of(), e) : cause);
            return failed;
        }).thenCompose(stage -> stage);
    }

    private static boolean deniedReadOnly(ServerErrorReply e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("NOPERM") && message.contains("'graph.RO_QUERY' command");
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
                out.add(CompactReplyDecoder.text(o));
            }
        }
        return out;
    }

    @Override
    public Object command(String name, String... arguments) {
        List<String> args = List.of(arguments);
        WireCodec.checkCommand(name, args);
        try {
            return send(name, args);
        } catch (ServerErrorReply e) {
            throw ServerErrors.translate(e.getMessage(), WireCodec.graphOf(name, args),
                    name, List.of(), e);
        }
    }

    private GraphSchemaCache schema(String graph) {
        return schemas.computeIfAbsent(graph, GraphSchemaCache::new);
    }

    private static String millis(long startNanos) {
        return String.format("%.3f", (System.nanoTime() - startNanos) / 1e6);
    }
}
