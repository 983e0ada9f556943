package dev.falkor.orm.spi;

import dev.falkor.orm.api.InvalidQueryException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Cypher statement to run on one graph.
 *
 * @param graph      the graph (Redis key) to run on
 * @param cypher     the statement text; values never go here, only {@code $name} references
 * @param parameters named parameter values (Java values: null, Boolean, numbers, String,
 *                   lists, arrays and maps of these)
 * @param readOnly   route as {@code GRAPH.RO_QUERY}; the server rejects writes
 * @param timeout    per-query timeout, or {@code null} for the transport's default. The server
 *                   aborts a read query that runs longer; the client stops waiting for any reply
 *                   after the timeout plus {@link TransportConfig#queryTimeoutGrace()}.
 * @param regions    the labels and relationship types the statement reads (for a cached read) or
 *                   may change (for a write), for the result cache; {@code null}: unknown, i.e.
 *                   anything in the graph. Transports ignore it.
 * @param cacheTtl   for a read, how long its result may be served from the result cache;
 *                   {@code null}: not cached. Transports ignore it.
 *
 * <p>Construction fails with an {@link InvalidQueryException} if the graph name or the statement
 * contains a NUL character (FalkorDB would cut them there and run the statement on another
 * graph, or only in part), or the timeout is not positive.
 */
public record GraphQuery(String graph, String cypher, Map<String, Object> parameters,
                         boolean readOnly, Duration timeout, java.util.Set<String> regions, Duration cacheTtl) {

    /** A statement without regions or caching (see the record's components). */
    public GraphQuery(String graph, String cypher, Map<String, Object> parameters, boolean readOnly, Duration timeout) {
        this(graph, cypher, parameters, readOnly, timeout, null, null);
    }

    public GraphQuery {
        regions = regions == null ? null : java.util.Set.copyOf(regions);
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(cypher, "cypher");
        checkGraphName(graph);
        int nul = cypher.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidQueryException("The Cypher statement contains a NUL character at index " + nul
                    + "; FalkorDB would ignore everything after it. Pass values as parameters, not in the text");
        }
        // LinkedHashMap keeps caller order and allows null values (Map.copyOf does not); a map
        // that is already immutable (Map.of, Map.copyOf) is kept as it is: nothing can change it
        parameters = parameters == null || parameters.isEmpty()
                ? Map.of()
                : IMMUTABLE_MAPS.contains(parameters.getClass()) ? parameters
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidQueryException("The query timeout must be positive, was " + timeout);
        }
    }

    /** The classes of the JDK's immutable maps ({@code Map.of} with one and with more entries). */
    private static final java.util.Set<Class<?>> IMMUTABLE_MAPS = java.util.Set.of(Map.of("k", 1).getClass(),
            Map.of("k", 1, "l", 2).getClass());

    /**
     * Checks that FalkorDB can hold a graph name: it must not contain a NUL character, since the
     * server reads graph names as C strings and would use the part before the NUL, i.e. another
     * graph.
     *
     * @return the name
     * @throws InvalidQueryException naming the position of the NUL
     */
    public static String checkGraphName(String graph) {
        Objects.requireNonNull(graph, "graph");
        int nul = graph.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidQueryException("Graph name '" + graph.replace("\0", "\\0") + "' contains a NUL "
                    + "character at index " + nul + "; FalkorDB would cut the name there and use another graph");
        }
        return graph;
    }

    /** A write-capable query without parameters. */
    public static GraphQuery write(String graph, String cypher) {
        return new GraphQuery(graph, cypher, Map.of(), false, null);
    }

    /** A write-capable query. */
    public static GraphQuery write(String graph, String cypher, Map<String, ?> parameters) {
        return new GraphQuery(graph, cypher, copy(parameters), false, null);
    }

    /** A read-only query ({@code GRAPH.RO_QUERY}). */
    public static GraphQuery read(String graph, String cypher, Map<String, ?> parameters) {
        return new GraphQuery(graph, cypher, copy(parameters), true, null);
    }

    /** The same query with another timeout. */
    public GraphQuery withTimeout(Duration newTimeout) {
        return new GraphQuery(graph, cypher, parameters, readOnly, newTimeout, regions, cacheTtl);
    }

    /** The same query, declaring the regions it reads or changes ({@code null}: unknown). */
    public GraphQuery withRegions(java.util.Set<String> newRegions) {
        return new GraphQuery(graph, cypher, parameters, readOnly, timeout, newRegions, cacheTtl);
    }

    /** The same read, with its result cached for {@code ttl} ({@code null}: not cached). */
    public GraphQuery cached(Duration ttl) {
        return new GraphQuery(graph, cypher, parameters, readOnly, timeout, regions, ttl);
    }

    /** The parameters as the canonical constructor takes them; it makes the one copy itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, ?> parameters) {
        return (Map<String, Object>) parameters;
    }
}
