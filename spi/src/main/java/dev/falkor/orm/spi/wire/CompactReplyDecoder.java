package dev.falkor.orm.spi.wire;

import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.DateTimeValue;
import dev.falkor.orm.spi.value.DateValue;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.DurationValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.PathValue;
import dev.falkor.orm.spi.value.PointValue;
import dev.falkor.orm.spi.value.RelationshipValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.value.TimeValue;
import dev.falkor.orm.spi.value.VectorValue;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the reply of {@code GRAPH.QUERY ... --compact}.
 *
 * <p>Input is the reply as plain Java values, which each transport produces from its
 * client's native types: {@code String} or UTF-8 {@code byte[]} for bulk and simple strings,
 * {@code Long} for integers, {@code Double} for RESP3 doubles, {@code List<Object>} for
 * arrays, {@code null}.
 */
public final class CompactReplyDecoder {
    private static final int NULL = 1;
    private static final int STRING = 2;
    private static final int INTEGER = 3;
    private static final int BOOLEAN = 4;
    private static final int DOUBLE = 5;
    private static final int ARRAY = 6;
    private static final int EDGE = 7;
    private static final int NODE = 8;
    private static final int PATH = 9;
    private static final int MAP = 10;
    private static final int POINT = 11;
    private static final int VECTORF32 = 12;
    private static final int DATETIME = 13;
    private static final int DATE = 14;
    private static final int TIME = 15;
    private static final int DURATION = 16;

    private CompactReplyDecoder() {
    }

    /** Decodes a whole reply: {@code [stats]} or {@code [header, rows, stats]}. */
    public static QueryResult decode(Object reply, SchemaNames names) {
        List<?> top = list(reply, "reply");
        if (top.size() == 1) {
            return new QueryResult(List.of(), List.of(), statistics(top.get(0)));
        }
        if (top.size() != 3) {
            throw new IllegalStateException("Unexpected compact reply with " + top.size() + " parts");
        }
        List<?> header = list(top.get(0), "header");
        List<String> columns = new ArrayList<>(header.size());
        for (Object cell : header) {
            List<?> c = list(cell, "header cell");
            columns.add(string(c.get(c.size() - 1)));
        }
        List<?> rawRows = list(top.get(1), "rows");
        List<List<GraphValue>> rows = new ArrayList<>(rawRows.size());
        for (Object rawRow : rawRows) {
            List<?> cells = list(rawRow, "row");
            List<GraphValue> row = new ArrayList<>(cells.size());
            for (Object cell : cells) {
                row.add(value(cell, names));
            }
            rows.add(row);
        }
        return new QueryResult(columns, rows, statistics(top.get(2)));
    }

    /** Decodes the statistics part: lines of {@code Label: value}. */
    public static QueryStatistics statistics(Object raw) {
        List<?> items = list(raw, "statistics");
        // decoded and parsed only if someone asks (reads rarely do)
        return QueryStatistics.ofLines(() -> {
            List<String> lines = new ArrayList<>(items.size());
            for (Object line : items) {
                lines.add(string(line));
            }
            return lines;
        });
    }

    /** Decodes one {@code [type, value]} pair. */
    public static GraphValue value(Object typed, SchemaNames names) {
        List<?> pair = list(typed, "value");
        return value(intOf(pair.get(0)), pair.get(1), names);
    }

    private static GraphValue value(int type, Object v, SchemaNames names) {
        return switch (type) {
            case NULL -> NullValue.INSTANCE;
            case STRING -> new StringValue(string(v));
            case INTEGER -> new IntegerValue(longOf(v));
            case BOOLEAN -> new BooleanValue(booleanOf(v));
            case DOUBLE -> new DoubleValue(doubleOf(v));
            case ARRAY -> {
                List<?> items = list(v, "array");
                List<GraphValue> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(value(item, names));
                }
                yield new ListValue(out);
            }
            case EDGE -> edge(v, names);
            case NODE -> node(v, names);
            case PATH -> path(v, names);
            case MAP -> {
                List<?> flat = list(v, "map");
                int n = flat.size() / 2;
                String[] keys = new String[n];
                GraphValue[] values = new GraphValue[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = string(flat.get(2 * i));
                    values[i] = value(flat.get(2 * i + 1), names);
                }
                yield MapValue.ofPairs(keys, values); // built for this value alone: no copy, no hash nodes
            }
            case POINT -> {
                List<?> p = list(v, "point");
                yield new PointValue(doubleOf(p.get(0)), doubleOf(p.get(1)));
            }
            case VECTORF32 -> {
                List<?> items = list(v, "vector");
                float[] f = new float[items.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) doubleOf(items.get(i));
                }
                yield new VectorValue(f);
            }
            case DATETIME -> new DateTimeValue(LocalDateTime.ofEpochSecond(longOf(v), 0, ZoneOffset.UTC));
            case DATE -> new DateValue(LocalDate.ofEpochDay(Math.floorDiv(longOf(v), 86_400L)));
            case TIME -> new TimeValue(LocalTime.ofSecondOfDay(Math.floorMod(longOf(v), 86_400L)));
            case DURATION -> new DurationValue(Duration.ofSeconds(longOf(v)));
            default -> throw new IllegalStateException("Unknown compact value type " + type
                    + "; this server is newer than the decoder");
        };
    }

    private static NodeValue node(Object v, SchemaNames names) {
        List<?> n = list(v, "node");
        List<?> labelIds = list(n.get(1), "node labels");
        List<String> labels = new ArrayList<>(labelIds.size());
        for (Object id : labelIds) {
            labels.add(names.label(intOf(id)));
        }
        return new NodeValue(longOf(n.get(0)), labels, properties(n.get(2), names));
    }

    private static RelationshipValue edge(Object v, SchemaNames names) {
        List<?> e = list(v, "edge");
        return new RelationshipValue(longOf(e.get(0)), names.relationshipType(intOf(e.get(1))),
                longOf(e.get(2)), longOf(e.get(3)), properties(e.get(4), names));
    }

    private static PathValue path(Object v, SchemaNames names) {
        List<?> p = list(v, "path");
        List<?> rawNodes = list(list(p.get(0), "path nodes").get(1), "path nodes");
        List<?> rawEdges = list(list(p.get(1), "path edges").get(1), "path edges");
        List<NodeValue> nodes = new ArrayList<>(rawNodes.size());
        for (Object n : rawNodes) {
            nodes.add((NodeValue) value(n, names));
        }
        List<RelationshipValue> edges = new ArrayList<>(rawEdges.size());
        for (Object e : rawEdges) {
            edges.add((RelationshipValue) value(e, names));
        }
        return new PathValue(nodes, edges);
    }

    private static Map<String, GraphValue> properties(Object raw, SchemaNames names) {
        List<?> props = list(raw, "properties");
        Map<String, GraphValue> out = new LinkedHashMap<>(props.size() * 2);
        for (Object p : props) {
            List<?> triple = list(p, "property");
            out.put(names.propertyKey(intOf(triple.get(0))), value(intOf(triple.get(1)), triple.get(2), names));
        }
        return out;
    }

    private static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalStateException("Expected an array for " + what + ", got "
                + (o == null ? "null" : o.getClass().getSimpleName()));
    }

    private static String string(Object o) {
        return text(o);
    }

    /** A reply string, sent as {@code String} or as UTF-8 {@code byte[]}; null stays null. */
    public static String text(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (o instanceof RuntimeException e) {
            throw new ServerErrorReply(e.getMessage(), e); // an error nested in an array reply
        }
        return o == null ? null : o.toString();
    }

    private static int intOf(Object o) {
        return Math.toIntExact(longOf(o));
    }

    private static long longOf(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(string(o));
    }

    private static double doubleOf(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        String s = string(o);
        return switch (s) {
            case "inf", "+inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan", "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private static boolean booleanOf(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.longValue() != 0;
        }
        return "true".equalsIgnoreCase(string(o));
    }
}
