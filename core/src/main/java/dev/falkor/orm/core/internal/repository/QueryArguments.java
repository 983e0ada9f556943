package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Sort;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Which method parameters are query values and which are the special {@link Pageable},
 * {@link Sort}, {@link ScrollPosition} and {@link dev.falkor.orm.api.FetchPlan} parameters. Resolved once per method.
 */
final class QueryArguments {
    private final List<Integer> valueIndexes = new ArrayList<>();
    private int pageable = -1;
    private int sort = -1;
    private int position = -1;
    private int fetch = -1;

    QueryArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Pageable.class) {
                pageable = unique(pageable, i, method, "Pageable");
            } else if (types[i] == Sort.class) {
                sort = unique(sort, i, method, "Sort");
            } else if (types[i] == dev.falkor.orm.api.FetchPlan.class) {
                fetch = unique(fetch, i, method, "FetchPlan");
            } else if (types[i] == ScrollPosition.class) {
                position = unique(position, i, method, "ScrollPosition");
            } else {
                valueIndexes.add(i);
            }
        }
        if (pageable >= 0 && sort >= 0) {
            throw new MappingException(QueryMethods.describe(method) + ": take either a Pageable or a Sort, not both");
        }
    }

    private static int unique(int existing, int index, Method method, String what) {
        if (existing >= 0) {
            throw new MappingException(QueryMethods.describe(method) + ": more than one " + what + " parameter");
        }
        return index;
    }

    List<Integer> valueIndexes() {
        return valueIndexes;
    }

    boolean hasPageable() {
        return pageable >= 0;
    }

    boolean hasSort() {
        return sort >= 0;
    }

    boolean hasPosition() {
        return position >= 0;
    }

    List<Object> values(Object[] args) {
        List<Object> out = new ArrayList<>(valueIndexes.size());
        for (int i : valueIndexes) {
            out.add(args[i]);
        }
        return out;
    }

    Pageable pageable(Object[] args) {
        Pageable p = pageable >= 0 ? (Pageable) args[pageable] : null;
        if (pageable >= 0 && p == null) {
            throw new IllegalArgumentException("Pageable argument must not be null");
        }
        return p;
    }

    /** The dynamic sort: the Sort argument or the Pageable's sort, else unsorted. */
    Sort sort(Object[] args) {
        if (sort >= 0) {
            return args[sort] == null ? Sort.unsorted() : (Sort) args[sort];
        }
        Pageable p = pageable(args);
        return p == null ? Sort.unsorted() : p.sort();
    }

    boolean hasFetch() {
        return fetch >= 0;
    }

    /** The FetchPlan argument, or null (the eager defaults). */
    dev.falkor.orm.api.FetchPlan fetch(Object[] args) {
        return fetch >= 0 ? (dev.falkor.orm.api.FetchPlan) args[fetch] : null;
    }

    ScrollPosition position(Object[] args) {
        ScrollPosition p = position >= 0 ? (ScrollPosition) args[position] : null;
        return p == null ? ScrollPosition.initial() : p;
    }
}
