package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.InvalidParameterException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders query parameters as the {@code CYPHER name=value ...} prefix FalkorDB parses.
 *
 * <p>This is the only place where values become text, so it is where injection is
 * prevented. Strings are double-quoted with {@code \\} and {@code \"} escaped (the server
 * keeps every other byte of a quoted string literally, newlines and control characters
 * included), so no input can end the literal early. What the server cannot hold is
 * rejected before anything is sent: NUL characters, unpaired UTF-16 surrogates, non-finite
 * doubles, integers outside the 64-bit range, map keys containing a back-quote.
 */
public final class ParameterEncoder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ParameterEncoder() {
    }

    /** True if {@code name} may be used as a parameter name. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The full command text: {@code CYPHER a=1 b="x" <cypher>}, or the Cypher alone when
     * there are no parameters.
     */
    public static String render(String cypher, Map<String, ?> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return cypher;
        }
        StringBuilder sb = new StringBuilder(cypher.length() + 16 * parameters.size() + 8);
        sb.append("CYPHER ");
        for (Map.Entry<String, ?> e : parameters.entrySet()) {
            String name = e.getKey();
            if (!isValidName(name)) {
                throw new InvalidParameterException(String.valueOf(name),
                        "not a valid parameter name; use letters, digits and '_', not starting with a digit");
            }
            sb.append(name).append('=');
            appendValue(sb, e.getValue(), name);
            sb.append(' ');
        }
        return sb.append(cypher).toString();
    }

    static void appendValue(StringBuilder sb, Object value, String path) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            appendString(sb, s, path);
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            sb.append(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            appendDouble(sb, ((Number) value).doubleValue(), path);
        } else if (value instanceof BigInteger bi) {
            if (bi.bitLength() > 63) {
                throw new InvalidParameterException(path, "integer does not fit in 64 bits; "
                        + "FalkorDB integers are signed 64-bit (store it as a string instead)");
            }
            sb.append(bi.longValue());
        } else if (value instanceof BigDecimal) {
            throw new InvalidParameterException(path, "BigDecimal is not a graph value; convert it "
                    + "(the converters module stores it as a string) or pass a double");
        } else if (value instanceof Character c) {
            appendString(sb, String.valueOf(c), path);
        } else if (value instanceof Map<?, ?> map) {
            appendMap(sb, map, path);
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            int i = 0;
            for (Object item : list) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendValue(sb, item, path + "[" + i + "]");
                i++;
            }
            sb.append(']');
        } else if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            sb.append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendValue(sb, Array.get(value, i), path + "[" + i + "]");
            }
            sb.append(']');
        } else if (value instanceof Enum<?>) {
            throw new InvalidParameterException(path, "enum " + value.getClass().getName()
                    + " is not a graph value; pass name() or register a converter");
        } else {
            throw new InvalidParameterException(path, "unsupported type " + value.getClass().getName()
                    + "; parameters may be null, Boolean, integers, Float/Double, String, "
                    + "lists, arrays and maps of these");
        }
    }

    private static void appendDouble(StringBuilder sb, double d, String path) {
        if (!Double.isFinite(d)) {
            throw new InvalidParameterException(path, "non-finite double (" + d
                    + ") cannot be sent; FalkorDB has no NaN or Infinity literal");
        }
        // Double.toString always has a '.' or an exponent, so the server reads a float, and
        // it prints enough digits to identify the double exactly; the server parses it exactly.
        sb.append(Double.toString(d));
    }

    private static void appendMap(StringBuilder sb, Map<?, ?> map, String path) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidParameterException(path, "map keys must be strings, found "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
            }
            if (key.isEmpty() || key.indexOf('`') >= 0 || key.indexOf('\0') >= 0) {
                throw new InvalidParameterException(path + "." + key,
                        "map key must be non-empty and contain no back-quote or NUL");
            }
            checkUnicode(key, path + "." + key);
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append('`').append(key).append("`: ");
            appendValue(sb, e.getValue(), path + "." + key);
        }
        sb.append('}');
    }

    private static void appendString(StringBuilder sb, String s, String path) {
        checkUnicode(s, path);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\0' -> throw new InvalidParameterException(path,
                        "string contains a NUL character at index " + i + ", which FalkorDB cannot store");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    private static void checkUnicode(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw unpaired(path, i);
            } else if (Character.isLowSurrogate(c)) {
                throw unpaired(path, i);
            }
        }
    }

    private static InvalidParameterException unpaired(String path, int index) {
        return new InvalidParameterException(path, "string has an unpaired UTF-16 surrogate at index "
                + index + " and cannot be encoded as UTF-8 without changing it");
    }
}
