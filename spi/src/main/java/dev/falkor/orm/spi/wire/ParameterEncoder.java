package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.InvalidParameterException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

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
    private ParameterEncoder() {
    }

    /** True if {@code name} may be used as a parameter name. */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The full command text: {@code CYPHER a=1 b="x" <cypher>}, or the Cypher alone when
     * there are no parameters.
     *
     * @throws InvalidParameterException naming the parameter (and the path inside it) that
     *         cannot be sent; never its value
     */
    public static String render(String cypher, Map<String, ?> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return cypher;
        }
        StringBuilder sb = new StringBuilder(cypher.length() + 32 * parameters.size() + 8);
        renderInto(new BuilderSink(sb), cypher, parameters);
        return sb.toString();
    }

    /**
     * {@link #render} straight to UTF-8 bytes, as they go on the wire: encoded into a buffer
     * each thread reuses (so a large batch does not grow a new one by doubling every time),
     * then copied once to an array of the exact length.
     */
    public static byte[] renderUtf8(String cypher, Map<String, ?> parameters) {
        ByteSink out = BYTES.get();
        out.reset();
        try {
            if (parameters == null || parameters.isEmpty()) {
                out.append(cypher);
            } else {
                renderInto(out, cypher, parameters);
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }

    private static void renderInto(Sink out, String cypher, Map<String, ?> parameters) {
        out.append("CYPHER ");
        // forEach: no entry objects for the small immutable maps most queries pass
        parameters.forEach((name, value) -> {
            if (!isValidName(name)) {
                throw new InvalidParameterException(String.valueOf(name),
                        "not a valid parameter name; use letters, digits and '_', not starting with a digit");
            }
            out.append(name).append('=');
            try {
                appendValue(out, value, 0);
            } catch (Problem p) {
                throw new InvalidParameterException(name + p.path(), p.getMessage());
            }
            out.append(' ');
        });
        out.append(cypher);
    }

    private static final ThreadLocal<ByteSink> BYTES = ThreadLocal.withInitial(ByteSink::new);

    /** A growable UTF-8 buffer; strings reach it already checked for unpaired surrogates. */
    private static final class ByteSink implements Sink {
        private static final int INITIAL = 1 << 12;
        private static final int KEEP_AT_MOST = 1 << 22;
        private byte[] buf = new byte[INITIAL];
        private int len;

        void reset() {
            len = 0;
        }

        /** Drops a buffer a huge statement grew, so one batch does not pin megabytes per thread. */
        void release() {
            if (buf.length > KEEP_AT_MOST) {
                buf = new byte[INITIAL];
            }
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, len);
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        @Override
        public Sink append(String s) {
            return append(s, 0, s.length());
        }

        @Override
        public Sink append(String s, int from, int to) {
            ensure((to - from) * 3);
            byte[] b = buf;
            int n = len;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[n++] = (byte) c;
                } else if (c < 0x800) {
                    b[n++] = (byte) (0xC0 | (c >> 6));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < to) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[n++] = (byte) (0xF0 | (cp >> 18));
                    b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[n++] = (byte) (0xE0 | (c >> 12));
                    b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            len = n;
            return this;
        }

        @Override
        public Sink append(char c) {
            if (c < 0x80) {
                ensure(1);
                buf[len++] = (byte) c;
                return this;
            }
            return append(String.valueOf(c));
        }

        @Override
        public Sink append(long v) {
            if (v == Long.MIN_VALUE) {
                return append("-9223372036854775808");
            }
            ensure(20);
            if (v < 0) {
                buf[len++] = '-';
                v = -v;
            }
            int start = len;
            do {
                buf[len++] = (byte) ('0' + (v % 10));
                v /= 10;
            } while (v != 0);
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
            return this;
        }
    }

    /**
     * Checks that {@code value} can be sent as a parameter, without rendering it.
     *
     * @return {@code null} if it can, else {@code [path, problem]} where path is relative to
     *         the value (empty for the value itself, {@code [2]} or {@code .key} inside it)
     */
    public static String[] check(Object value) {
        try {
            appendValue(new NullAppendable(), value, 0);
            return null;
        } catch (Problem p) {
            return new String[] {p.path(), p.getMessage()};
        }
    }

    /** Deepest nesting of lists and maps a parameter may have. */
    public static final int MAX_DEPTH = 64;

    /**
     * A value that cannot be sent. The path inside the parameter is prepended while the
     * exception travels up, so the hot path builds no path strings; no stack trace.
     */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final StringBuilder reversedPath = new StringBuilder();
        private final java.util.ArrayList<String> segments = new java.util.ArrayList<>();

        Problem(String message) {
            super(message, null, false, false);
        }

        Problem at(String segment) {
            segments.add(segment);
            return this;
        }

        String path() {
            reversedPath.setLength(0);
            for (int i = segments.size() - 1; i >= 0; i--) {
                reversedPath.append(segments.get(i));
            }
            return reversedPath.toString();
        }
    }

    /** Swallows output: {@link #check} runs the encoder's checks only. */
    private static final class NullAppendable implements Sink {
        @Override
        public Sink append(String s) {
            return this;
        }

        @Override
        public Sink append(String s, int from, int to) {
            return this;
        }

        @Override
        public Sink append(char c) {
            return this;
        }

        @Override
        public Sink append(long v) {
            return this;
        }
    }

    /** Where encoded text goes. */
    private interface Sink {
        Sink append(String s);

        default Sink append(String s, int from, int to) {
            return append(s.substring(from, to));
        }

        Sink append(char c);

        Sink append(long v);
    }

    private static final class BuilderSink implements Sink {
        final StringBuilder sb;

        BuilderSink(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        public Sink append(String s) {
            sb.append(s);
            return this;
        }

        @Override
        public Sink append(String s, int from, int to) {
            sb.append(s, from, to);
            return this;
        }

        @Override
        public Sink append(char c) {
            sb.append(c);
            return this;
        }

        @Override
        public Sink append(long v) {
            sb.append(v);
            return this;
        }
    }

    private static void appendValue(Sink sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            appendString(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            sb.append(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            appendDouble(sb, ((Number) value).doubleValue());
        } else if (value instanceof BigInteger bi) {
            if (bi.bitLength() > 63) {
                throw new Problem("integer does not fit in 64 bits; "
                        + "FalkorDB integers are signed 64-bit (store it as a string instead)");
            }
            sb.append(bi.longValue());
        } else if (value instanceof BigDecimal) {
            throw new Problem("BigDecimal is not a graph value; convert it "
                    + "(the converters module stores it as a string) or pass a double");
        } else if (value instanceof Character c) {
            appendString(sb, String.valueOf(c));
        } else if (value instanceof Map<?, ?> map) {
            checkDepth(depth);
            appendMap(sb, map, depth);
        } else if (value instanceof Collection<?> list) {
            checkDepth(depth);
            sb.append('[');
            int i = 0;
            for (Object item : list) {
                if (i > 0) {
                    sb.append(',');
                }
                try {
                    appendValue(sb, item, depth + 1);
                } catch (Problem p) {
                    throw p.at("[" + i + "]");
                }
                i++;
            }
            sb.append(']');
        } else if (value.getClass().isArray()) {
            checkDepth(depth);
            int n = Array.getLength(value);
            sb.append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                try {
                    appendValue(sb, Array.get(value, i), depth + 1);
                } catch (Problem p) {
                    throw p.at("[" + i + "]");
                }
            }
            sb.append(']');
        } else if (value instanceof Enum<?>) {
            throw new Problem("enum " + value.getClass().getName()
                    + " is not a graph value; pass name() or register a converter");
        } else {
            throw new Problem("unsupported type " + value.getClass().getName()
                    + "; parameters may be null, Boolean, integers, Float/Double, String, "
                    + "lists, arrays and maps of these");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new Problem("lists and maps are nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void appendDouble(Sink sb, double d) {
        if (!Double.isFinite(d)) {
            throw new Problem("non-finite double (" + d
                    + ") cannot be sent; FalkorDB has no NaN or Infinity literal");
        }
        // Double.toString always has a '.' or an exponent, so the server reads a float, and
        // it prints enough digits to identify the double exactly; the server parses it exactly.
        sb.append(Double.toString(d));
    }

    private static void appendMap(Sink sb, Map<?, ?> map, int depth) {
        sb.append('{');
        boolean first = true;
        int index = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new Problem("map keys must be strings, found "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
            }
            if (key.isEmpty() || key.indexOf('`') >= 0 || key.indexOf('\0') >= 0) {
                // the key itself is user data: name its position, never its text
                throw new Problem("map key #" + index + " (length " + key.length()
                        + ") must be non-empty and contain no back-quote or NUL");
            }
            try {
                checkUnicode(key);
            } catch (Problem p) {
                throw new Problem("map key #" + index + ": " + p.getMessage());
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            // an identifier key goes bare (the server parses 28 % less text for rows of a save);
            // anything else back-quoted
            if (isValidName(key)) {
                sb.append(key).append(':');
            } else {
                sb.append('`').append(key).append("`:");
            }
            try {
                appendValue(sb, e.getValue(), depth + 1);
            } catch (Problem p) {
                throw p.at(isValidName(key) && key.length() <= 64 ? "." + key : "[key #" + index + "]");
            }
            index++;
        }
        sb.append('}');
    }

    private static void appendString(Sink sb, String s) {
        checkUnicode(s);
        sb.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"' || c == '\0') {
                if (c == '\0') {
                    throw new Problem("string contains a NUL character at index " + i
                            + ", which FalkorDB cannot store");
                }
                sb.append(s, from, i).append('\\').append(c);
                from = i + 1;
            }
        }
        sb.append(s, from, s.length()).append('"');
    }

    private static void checkUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw unpaired(i);
            } else if (Character.isLowSurrogate(c)) {
                throw unpaired(i);
            }
        }
    }

    private static Problem unpaired(int index) {
        return new Problem("string has an unpaired UTF-16 surrogate at index "
                + index + " and cannot be encoded as UTF-8 without changing it");
    }
}
