package dev.falkor.orm.core.internal.query;

import java.util.List;
import java.util.Objects;

/**
 * One {@code OrderBy} key, e.g. {@code LastNameAsc}.
 *
 * @param path      the property path, root first
 * @param direction ascending unless {@code Desc} was written
 */
public record SortKey(List<PropertyRef> path, Direction direction) {

    /** Sort direction. */
    public enum Direction { ASC, DESC }

    public SortKey {
        path = List.copyOf(path);
        Objects.requireNonNull(direction, "direction");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty property path");
        }
    }

    /** The last property of the path. */
    public PropertyRef leaf() {
        return path.get(path.size() - 1);
    }

    /** The path as dotted Java names. */
    public String dotPath() {
        return Part.dotPath(path);
    }
}
