package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.GraphNotFoundException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.api.QuerySyntaxException;
import dev.falkor.orm.api.QueryTimeoutException;
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
}
