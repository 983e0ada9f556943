package dev.falkor.orm.core.internal.query;

/**
 * Comparisons and ordering of 64-bit integers that stay correct over the whole {@code long}
 * range. FalkorDB 4.x compares integers by subtracting them, so when the difference overflows
 * ({@code Long.MIN_VALUE < 1000} is false, {@code ORDER BY} puts {@code Long.MIN_VALUE} last).
 * Two integers of the same sign never overflow when subtracted, nor does a comparison with 0:
 * so the sign is compared first and the values only within one sign.
 *
 * <p>The operands are trusted Cypher expressions (a property {@code n.`p`}, a parameter
 * {@code $p0}), never user input.
 */
public final class Int64 {
    private Int64() {
    }

    /** True for the Java types stored as 64-bit integers whose comparisons need this treatment. */
    public static boolean applies(Class<?> javaType) {
        return javaType == long.class || javaType == Long.class;
    }

    /** {@code a > b}, correct for every pair of longs; null if either is null, as in Cypher. */
    public static String greater(String a, String b) {
        return "((" + b + " >= 0 AND " + a + " >= 0 AND " + a + " > " + b + ") OR (" + b + " < 0 AND (" + a
                + " >= 0 OR " + a + " > " + b + ")))";
    }

    /** {@code a < b}. */
    public static String less(String a, String b) {
        return greater(b, a);
    }

    /** {@code a >= b}. */
    public static String greaterOrEqual(String a, String b) {
        return "(" + a + " = " + b + " OR " + greater(a, b) + ")";
    }

    /** {@code a <= b}. */
    public static String lessOrEqual(String a, String b) {
        return greaterOrEqual(b, a);
    }

    /**
     * ORDER BY items sorting {@code e} correctly: its sign class first (nulls stay null, so
     * they sort where the server puts nulls), then the value within the class.
     */
    public static String orderItems(String e, String direction) {
        return "CASE WHEN " + e + " IS NULL THEN null WHEN " + e + " >= 0 THEN 1 ELSE 0 END " + direction
                + ", " + e + " " + direction;
    }
}
