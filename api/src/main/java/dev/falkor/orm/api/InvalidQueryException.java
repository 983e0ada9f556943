package dev.falkor.orm.api;

/**
 * A query cannot be sent as given: a graph name or statement text that FalkorDB cannot hold
 * (it reads both as C strings, so a NUL character would silently cut them and the statement would
 * run on another graph, or only in part), or a timeout that is not positive. Raised before anything
 * is sent, so stored data is unchanged.
 */
public class InvalidQueryException extends QueryException {
    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message, null, null, null, null);
    }
}
