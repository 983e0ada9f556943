package dev.falkor.orm.spi.wire;

import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NullValue;
import java.util.List;

/**
 * Reads doubles back bit-for-bit.
 *
 * <p>FalkorDB stores and computes with exact doubles but prints them in replies with 15
 * significant digits ({@code 0.1 + 0.2} comes back as {@code 0.3}). Sending is lossless
 * ({@link ParameterEncoder} writes the shortest exact decimal, which the server parses
 * exactly); reading needs help. {@link #expression(String)} wraps a Cypher expression so the
 * server returns {@code [rounded, m, k]} with {@code value == m * 2^k} exactly: dividing a
 * double by a power of two is exact, and with {@code k = floor(log2|x|) - 54} (never below
 * -1074, the smallest subnormal exponent) the quotient is an integer below 2^56 that the
 * server sends as a 64-bit integer. The rounded value is used only for zero (keeping its
 * sign) and non-finite values, where it is exact. Pure Cypher: works on every server version, with no server-side state.
 * {@link #decode(GraphValue)} turns the triple back into the double.
 */
public final class ExactDoubles {
    private ExactDoubles() {
    }

    /**
     * Cypher that evaluates {@code valueExpression} once and returns it as an exact triple
     * (or {@code null}). {@code valueExpression} must be trusted Cypher (for example
     * {@code n.`price`}), never user input.
     */
    public static String expression(String valueExpression) {
        return "[x IN [" + valueExpression + "] | CASE WHEN x IS NULL THEN null"
                + " WHEN x = 0.0 OR x <> x OR abs(x) = 1.0/0.0 THEN [x, 0, 0]"
                + " ELSE [k IN [toInteger(floor(log(abs(x)) / log(2))) - 54] |"
                + " [x, toInteger(x / 2.0^(CASE WHEN k < -1074 THEN -1074 ELSE k END)),"
                + " CASE WHEN k < -1074 THEN -1074 ELSE k END]][0] END][0]";
    }

    /** Cypher that maps {@link #expression} over every element of a list expression. */
    public static String listExpression(String listExpression) {
        return "[y IN " + listExpression + " | " + expression("y") + "]";
    }

    /** The exact double of a triple produced by {@link #expression}, or {@code null}. */
    public static Double decode(GraphValue value) {
        if (value instanceof NullValue) {
            return null;
        }
        if (!(value instanceof ListValue list) || list.values().size() != 3) {
            throw new IllegalArgumentException("Not an exact-double triple: " + value);
        }
        List<GraphValue> v = list.values();
        double rounded = number(v.get(0));
        long mantissa = ((IntegerValue) v.get(1)).value();
        int exponent = (int) ((IntegerValue) v.get(2)).value();
        if (mantissa == 0) {
            return rounded; // zero (with its sign), NaN or an infinity: the rounded form is exact
        }
        // mantissa has at most 53 significant bits, so the conversion and scaling are exact
        return Math.scalb((double) mantissa, exponent);
    }

    private static double number(GraphValue v) {
        if (v instanceof DoubleValue d) {
            return d.value();
        }
        if (v instanceof IntegerValue i) {
            return i.value();
        }
        throw new IllegalArgumentException("Not a number: " + v);
    }
}
