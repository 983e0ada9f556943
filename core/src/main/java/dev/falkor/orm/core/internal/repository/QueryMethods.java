package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.IncorrectResultSizeException;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Slice;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Helpers shared by derived and {@code @Query} methods. */
final class QueryMethods {
    private QueryMethods() {
    }

    static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }

    /** Wraps mapped rows in the method's container. */
    static Object wrap(ReturnType type, List<?> rows, Method method) {
        return switch (type.container()) {
            case LIST -> rows;
            case SET -> new LinkedHashSet<>(rows);
            case STREAM -> rows.stream();
            case OPTIONAL -> Optional.ofNullable(single(rows, method));
            case SINGLE -> single(rows, method);
            case VOID -> null;
            default -> throw new IllegalStateException("container " + type.container() + " is built by the caller");
        };
    }

    static Object single(List<?> rows, Method method) {
        if (rows.size() > 1) {
            throw new IncorrectResultSizeException(describe(method) + " returns one result but the query matched "
                    + rows.size() + " or more; return a List or add First/Top or LIMIT", 1, rows.size());
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    static <T> Page<T> page(List<T> rows, Pageable p, long total) {
        return new Chunks.PageImpl<>(rows, p, total);
    }

    static <T> Slice<T> slice(List<T> rows, Pageable p) {
        boolean more = rows.size() > p.size();
        return new Chunks.SliceImpl<>(more ? rows.subList(0, p.size()) : rows, p, more);
    }

    /** Count of a page without a count query when the page itself shows the end. */
    static boolean pageShowsTotal(int rows, Pageable p) {
        return rows < p.size() && (rows > 0 || p.offset() == 0);
    }
}
