package dev.falkor.orm.core.internal.query;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One condition of a derived query, e.g. {@code LastNameIgnoreCase} or {@code AgeBetween}.
 *
 * @param path          the property path, root first; more than one element walks through
 *                      relationships ({@code EmployerName} may become {@code employer.name})
 * @param operator      the comparison
 * @param ignoreCase    compare case-insensitively; only ever true for String properties
 * @param argumentIndex index of the first method argument this part consumes (it consumes
 *                      {@link #argumentCount()} of them)
 */
public record Part(List<PropertyRef> path, Operator operator, boolean ignoreCase, int argumentIndex) {

    public Part {
        path = List.copyOf(path);
        Objects.requireNonNull(operator, "operator");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty property path");
        }
        if (argumentIndex < 0) {
            throw new IllegalArgumentException("negative argument index");
        }
    }

    /** The number of method arguments this part consumes. */
    public int argumentCount() {
        return operator.argumentCount();
    }

    /** The last property of the path: the one compared. */
    public PropertyRef leaf() {
        return path.get(path.size() - 1);
    }

    /** True if the path walks through at least one relationship. */
    public boolean isNested() {
        return path.size() > 1;
    }

    /**
     * True if the part is about related nodes: the path walks through a relationship
     * ({@code employer.name}) or is a relationship itself ({@code employer}).
     */
    public boolean onRelationship() {
        return path.get(0).relationship();
    }

    /** The path as dotted Java names, e.g. {@code employer.name}. */
    public String dotPath() {
        return dotPath(path);
    }

    static String dotPath(List<PropertyRef> path) {
        return path.stream().map(PropertyRef::javaName).collect(Collectors.joining("."));
    }
}
