package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.AuthenticationException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.GraphNotFoundException;
import dev.falkor.orm.api.PermissionDeniedException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.api.QuerySyntaxException;
import dev.falkor.orm.api.QueryTimeoutException;
import dev.falkor.orm.spi.TransportConfig;
import java.util.List;
import java.util.Locale;

/** Maps FalkorDB error replies to the typed exceptions of the api module. */
public final class ServerErrors {
    private ServerErrors() {
    }

    public static QueryException translate(String serverMessage, String graph, String cypher,
                                           List<String> parameterNames, Throwable cause) {
        String msg = serverMessage == null ? "unknown server error" : serverMessage;
        String lower = msg.toLowerCase(Locale.ROOT);
        String text = "FalkorDB error: " + msg;
        if (msg.startsWith("NOPERM")) {
            return new PermissionDeniedException("Permission denied" + (graph != null ? " on graph '" + graph + "'" : "")
                    + " by the server's access control list (" + msg + ")", graph, cypher, parameterNames, cause);
        }
        if (lower.contains("timed out")) {
            return new QueryTimeoutException(text, graph, cypher, parameterNames, cause);
        }
        if (lower.contains("constraint violation")) {
            return new ConstraintViolationException(text, graph, cypher, parameterNames, cause);
        }
        if (lower.contains("empty key")) {
            return new GraphNotFoundException("Graph '" + graph + "' does not exist (" + msg + ")",
                    graph, cypher, parameterNames, cause);
        }
        if (lower.startsWith("errmsg:") || lower.contains("invalid input") || lower.contains("unknown function")
                || lower.contains("not defined") || lower.contains("missing parameters")
                || lower.contains("type mismatch") || lower.contains("syntax")) {
            return new QuerySyntaxException(text, graph, cypher, parameterNames, cause);
        }
        return new QueryException(text, graph, cypher, parameterNames, cause);
    }

    /**
     * Whether a server error is about authentication ({@code NOAUTH}: a password is required,
     * {@code WRONGPASS}: the credentials are wrong) rather than about a query.
     */
    public static boolean isAuthenticationError(String serverMessage) {
        return serverMessage != null && (serverMessage.startsWith("NOAUTH") || serverMessage.startsWith("WRONGPASS"));
    }

    /**
     * The exception for an {@linkplain #isAuthenticationError authentication error}, naming the
     * server and user from {@code config} (never the password) and what to change.
     */
    public static AuthenticationException authentication(String serverMessage, TransportConfig config,
                                                         Throwable cause) {
        String msg = serverMessage == null ? "unknown server error" : serverMessage;
        String user = config.username() != null ? "user '" + config.username() + "'" : "the default user";
        String text;
        if (msg.startsWith("NOAUTH")) {
            text = "FalkorDB at " + config + " requires authentication"
                    + (config.password() == null ? " and no password is configured: set the password (and user)"
                            + " in TransportConfig or the URL" : ": the server did not accept the login")
                    + " (" + msg + ")";
        } else {
            text = "FalkorDB at " + config + " refused the login of " + user
                    + ": wrong user name or password, or the user is disabled (" + msg + ")";
        }
        return new AuthenticationException(text, cause);
    }
}
