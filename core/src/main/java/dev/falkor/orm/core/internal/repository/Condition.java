package dev.falkor.orm.core.internal.repository;

/**
 * A condition on the node variable {@code n} of a statement, with the projection it needs: a
 * derived query through relationship paths computes some of its tests as flags
 * ({@code WITH n, size([...]) > 0 AS __c0}), which must stand between the MATCH and the WHERE,
 * because the server evaluates pattern comprehensions only there. Every statement built from a
 * condition places both.
 *
 * @param projection {@code WITH n, ...} or empty
 * @param where      the boolean expression, or empty for none
 */
public record Condition(String projection, String where) {
    /** No condition. */
    public static final Condition NONE = new Condition("", "");

    /** A plain condition, without projection. */
    public static Condition of(String where) {
        return where == null || where.isEmpty() ? NONE : new Condition("", where);
    }

    /** What follows {@code MATCH (n:L)}: {@code [ <projection>][ WHERE <where>]}. */
    public String clause() {
        return (projection.isEmpty() ? "" : " " + projection) + (where.isEmpty() ? "" : " WHERE " + where);
    }

    /** This condition and {@code extra} (projection kept). */
    public Condition and(String extra) {
        return new Condition(projection, where.isEmpty() ? extra : "(" + where + ") AND (" + extra + ")");
    }
}
