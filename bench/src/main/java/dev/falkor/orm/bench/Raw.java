package dev.falkor.orm.bench;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the compact reply of a raw query into plain Java values, as an application on the raw
 * client would: the baseline does the decoding work the mapper does, no less.
 */
final class Raw {
    private Raw() {
    }

    /** The rows of a compact reply ({@code [header, rows, stats]}). */
    @SuppressWarnings("unchecked")
    static List<Object> rows(List<Object> reply) {
        return reply.size() < 3 ? List.of() : (List<Object>) reply.get(1);
    }

    /** A compact map value ({@code [type, [k, v, k, v ...]]}) as a Java map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(List<Object> typed) {
        List<Object> flat = (List<Object>) typed.get(1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            out.put(text(flat.get(i)), value((List<Object>) flat.get(i + 1)));
        }
        return out;
    }

    /** A compact scalar ({@code [type, value]}): strings, integers, doubles, booleans, null. */
    @SuppressWarnings("unchecked")
    static Object value(List<Object> typed) {
        long type = (Long) typed.get(0);
        Object v = typed.get(1);
        return switch ((int) type) {
            case 1 -> null;
            case 2 -> text(v);
            case 3 -> v;
            case 4 -> "true".equals(text(v));
            case 5 -> Double.parseDouble(text(v));
            case 6 -> ((List<Object>) v).stream().map(e -> value((List<Object>) e)).toList();
            case 10 -> map(typed);
            default -> v;
        };
    }

    static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
