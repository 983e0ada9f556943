package dev.falkor.orm.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which relationships a read loads with its entities, in the same query. Paths name
 * relationship fields, dot-separated for deeper levels:
 *
 * <pre>{@code
 * people.findById(id, FetchPlan.of("friends", "employer.address"));
 * people.findAll(FetchPlan.all(2));   // every relationship, two levels deep
 * }</pre>
 *
 * Fields declared {@code fetch = EAGER} are always loaded too (following eager fields of the
 * loaded entities, each field at most once along a path, so cycles end). Whatever the plan, a
 * read is one query, with no row per combination of related nodes. Relationships outside the
 * plan stay lazy. Immutable.
 */
public final class FetchPlan {
    private static final FetchPlan DEFAULTS = new FetchPlan(List.of(), 0);

    private final List<String> paths;
    private final int depth;

    private FetchPlan(List<String> paths, int depth) {
        this.paths = paths;
        this.depth = depth;
    }

    /** Only the fields declared {@code fetch = EAGER}. */
    public static FetchPlan defaults() {
        return DEFAULTS;
    }

    /**
     * These relationship paths (and the eager defaults).
     *
     * @throws IllegalArgumentException if a path is blank or has an empty segment; whether its
     *         fields exist is checked against the entity when the plan is used
     */
    public static FetchPlan of(String... paths) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : Objects.requireNonNull(paths, "paths")) {
            if (p == null || p.isBlank() || Arrays.stream(p.split("\\.", -1)).anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("Invalid fetch path '" + p + "': use field names separated by dots");
            }
            out.add(p.strip());
        }
        return new FetchPlan(Collections.unmodifiableList(new ArrayList<>(out)), 0);
    }

    /** Every relationship field, {@code depth} levels deep (1 = the entity's own relationships). */
    public static FetchPlan all(int depth) {
        if (depth < 1 || depth > 8) {
            throw new IllegalArgumentException("Fetch depth must be between 1 and 8, was " + depth);
        }
        return new FetchPlan(List.of(), depth);
    }

    /** The paths named with {@link #of}. */
    public List<String> paths() {
        return paths;
    }

    /** The depth of {@link #all}, or 0. */
    public int depth() {
        return depth;
    }

    /** This plan and {@code other}'s paths and depth. */
    public FetchPlan and(FetchPlan other) {
        Set<String> all = new LinkedHashSet<>(paths);
        all.addAll(other.paths);
        return new FetchPlan(Collections.unmodifiableList(new ArrayList<>(all)), Math.max(depth, other.depth));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FetchPlan f && f.depth == depth && f.paths.equals(paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode() * 31 + depth;
    }

    @Override
    public String toString() {
        return depth > 0 ? "FetchPlan.all(" + depth + ")" : paths.isEmpty() ? "FetchPlan.defaults()"
                : "FetchPlan.of" + paths;
    }
}
