package dev.falkor.orm.api;

import java.util.List;

/** The server rejected the query text (syntax or semantic error, unknown function, wrong argument type). */
public class QuerySyntaxException extends QueryException {
    private static final long serialVersionUID = 1L;

    public QuerySyntaxException(String message, String graph, String query, List<String> parameterNames,
            Throwable cause) {
        super(message, graph, query, parameterNames, cause);
    }
}
