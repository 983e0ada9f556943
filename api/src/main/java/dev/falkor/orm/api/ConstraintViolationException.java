package dev.falkor.orm.api;

import java.util.List;

/** A write broke a unique or mandatory constraint; nothing of that query was stored. */
public class ConstraintViolationException extends QueryException {
    private static final long serialVersionUID = 1L;

    public ConstraintViolationException(String message, String graph, String query, List<String> parameterNames,
            Throwable cause) {
        super(message, graph, query, parameterNames, cause);
    }
}
