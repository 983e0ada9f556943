package dev.falkor.orm.spi;

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
 * @param timeout    per-query timeout, or {@code null} for the transport's default
 */
public record GraphQuery(String graph, String cypher, Map<String, Object> parameters,
                         boolean readOnly, Duration timeout) {

    public GraphQuery {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(cypher, "cypher");
        // LinkedHashMap keeps caller order and allows null values (Map.copyOf does not).
        parameters = parameters == null || parameters.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
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
        return new GraphQuery(graph, cypher, parameters, readOnly, newTimeout);
    }

    private static Map<String, Object> copy(Map<String, ?> parameters) {
        return parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
    }
}
