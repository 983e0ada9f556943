package dev.falkor.orm.api;

import java.util.List;

/**
 * A query parameter cannot be sent to the server: an unsupported Java type, a non-finite
 * double, a string with a NUL character, a bad parameter name. Raised before anything is
 * sent, so stored data is unchanged. The message names the parameter, never its value.
 */
public class InvalidParameterException extends QueryException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String problem;

    public InvalidParameterException(String parameter, String problem) {
        this(parameter, problem, null, null, List.of(parameter));
    }

    public InvalidParameterException(String parameter, String problem, String graph, String query,
                                     List<String> parameterNames) {
        super("Parameter '" + parameter + "': " + problem, graph, query, parameterNames);
        this.parameter = parameter;
        this.problem = problem;
    }

    /** The parameter at fault (a path such as {@code props.tags[2]} for nested values). */
    public String parameter() {
        return parameter;
    }

    /** What is wrong with it, without the parameter's name. */
    public String problem() {
        return problem;
    }

    /** The same problem, reported against the query it was found in. */
    public InvalidParameterException inQuery(String graph, String query, List<String> parameterNames) {
        InvalidParameterException e = new InvalidParameterException(parameter, problem, graph, query, parameterNames);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
