package dev.falkor.orm.api;

import java.util.List;
import java.util.Objects;

/**
 * A query failed on the server or could not be sent. Carries the Cypher text and the
 * <em>names</em> of its parameters; parameter values are never included, so messages and
 * logs cannot leak data.
 */
public class QueryException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    private final String graph;
    private final String query;
    private final List<String> parameterNames;

    public QueryException(String message, String graph, String query, List<String> parameterNames) {
        this(message, graph, query, parameterNames, null);
    }

    public QueryException(String message, String graph, String query, List<String> parameterNames,
                          Throwable cause) {
        super(describe(message, graph, query, parameterNames), cause);
        this.graph = graph;
        this.query = query;
        this.parameterNames = List.copyOf(Objects.requireNonNullElse(parameterNames, List.of()));
    }

    private static String describe(String message, String graph, String query, List<String> names) {
        StringBuilder sb = new StringBuilder(message);
        if (graph != null) {
            sb.append(" [graph: ").append(graph).append(']');
        }
        if (query != null) {
            sb.append(" [query: ").append(query).append(']');
        }
        if (names != null && !names.isEmpty()) {
            sb.append(" [parameters: ").append(String.join(", ", names)).append(']');
        }
        return sb.toString();
    }

    /** The graph the query ran on, or {@code null} if unknown. */
    public String graph() {
        return graph;
    }

    /** The Cypher text of the failing query (without the parameter prefix). */
    public String query() {
        return query;
    }

    /** Names of the parameters the query was sent with; never their values. */
    public List<String> parameterNames() {
        return parameterNames;
    }
}
