package dev.falkor.orm.api;

import java.util.List;

/**
 * The server's access control list does not allow this user to run the command or to touch the
 * graph ({@code NOPERM}). Redis checks permissions before it runs a command, so nothing of the
 * query was applied. {@link #graph()} names the graph; the message carries the server's reason
 * (which names the user when a command, rather than a key, was denied).
 */
public class PermissionDeniedException extends QueryException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message, String graph, String query, List<String> parameterNames,
            Throwable cause) {
        super(message, graph, query, parameterNames, cause);
    }
}
