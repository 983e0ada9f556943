package dev.falkor.orm.api;

import java.util.List;

/** A read-only query named a graph that does not exist on the server. */
public class GraphNotFoundException extends QueryException {
    private static final long serialVersionUID = 1L;

    public GraphNotFoundException(String message, String graph, String query, List<String> parameterNames,
            Throwable cause) {
        super(message, graph, query, parameterNames, cause);
    }
}
