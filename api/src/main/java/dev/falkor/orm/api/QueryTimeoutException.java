package dev.falkor.orm.api;

import java.util.List;

/** The query ran longer than its timeout and was aborted by the server; nothing of that query was stored. */
public class QueryTimeoutException extends QueryException {
    private static final long serialVersionUID = 1L;

    public QueryTimeoutException(String message, String graph, String query, List<String> parameterNames,
            Throwable cause) {
        super(message, graph, query, parameterNames, cause);
    }
}
