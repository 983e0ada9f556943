package dev.falkor.orm.spi.cache;

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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link QueryResult} as bytes and back, exactly (doubles by their bits), for caches that keep
 * results outside the JVM. A compact tagged encoding of the {@link GraphValue} tree, versioned by
 * its first byte; bytes of another version decode to {@code null} (a miss), never to a wrong value.
 */
public final class QueryResultCodec {
    private static final int VERSION = 1;

    private QueryResultCodec() {
    }

    public static byte[] encode(QueryResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(result.columns().size());
            for (String c : result.columns()) {
                out.writeUTF(c);
            }
            out.writeInt(result.rows().size());
            for (List<GraphValue> row : result.rows()) {
                out.writeInt(row.size());
                for (GraphValue v : row) {
                    write(out, v);
                }
            }
            Map<String, String> stats = result.statistics().values();
            out.writeInt(stats.size());
            for (Map.Entry<String, String> e : stats.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The result, or {@code null} for bytes of another encoding version. */
    public static QueryResult decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != VERSION) {
                return null;
            }
            int n = in.readInt();
            List<String> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                columns.add(in.readUTF());
            }
            int rows = in.readInt();
            List<List<GraphValue>> out = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                int width = in.readInt();
                List<GraphValue> row = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    row.add(read(in));
                }
                out.add(List.copyOf(row));
            }
            int s = in.readInt();
            Map<String, String> stats = new LinkedHashMap<>();
            for (int i = 0; i < s; i++) {
                stats.put(in.readUTF(), in.readUTF());
            }
            return new QueryResult(columns, out, new QueryStatistics(stats));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cache entry (its key, stamp, expiry and result) as bytes. */
    public static byte[] encodeEntry(VersionedResultCache.Entry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            string(out, entry.key());
            string(out, entry.stamp().graph());
            out.writeInt(entry.stamp().regions().size());
            for (int i = 0; i < entry.stamp().regions().size(); i++) {
                string(out, entry.stamp().regions().get(i));
                out.writeLong(entry.stamp().versions()[i]);
            }
            out.writeLong(entry.expiresAtMillis());
            out.write(encode(entry.result()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entry, or {@code null} for bytes of another encoding version. */
    public static VersionedResultCache.Entry decodeEntry(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != VERSION) {
                return null;
            }
            String key = string(in);
            String graph = string(in);
            int n = in.readInt();
            List<String> regions = new ArrayList<>(n);
            long[] versions = new long[n];
            for (int i = 0; i < n; i++) {
                regions.add(string(in));
                versions[i] = in.readLong();
            }
            long expires = in.readLong();
            QueryResult result = decode(in.readAllBytes());
            return result == null ? null : new VersionedResultCache.Entry(key, result,
                    new ResultCache.Stamp(graph, List.copyOf(regions), versions), expires);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, GraphValue v) throws IOException {
        if (v instanceof NullValue) {
            out.writeByte(0);
        } else if (v instanceof BooleanValue b) {
            out.writeByte(1);
            out.writeBoolean(b.value());
        } else if (v instanceof IntegerValue i) {
            out.writeByte(2);
            out.writeLong(i.value());
        } else if (v instanceof DoubleValue d) {
            out.writeByte(3);
            out.writeLong(Double.doubleToRawLongBits(d.value()));
        } else if (v instanceof StringValue s) {
            out.writeByte(4);
            string(out, s.value());
        } else if (v instanceof ListValue l) {
            out.writeByte(5);
            out.writeInt(l.values().size());
            for (GraphValue e : l.values()) {
                write(out, e);
            }
        } else if (v instanceof MapValue m) {
            out.writeByte(6);
            map(out, m.values());
        } else if (v instanceof PointValue p) {
            out.writeByte(7);
            out.writeLong(Double.doubleToRawLongBits(p.latitude()));
            out.writeLong(Double.doubleToRawLongBits(p.longitude()));
        } else if (v instanceof VectorValue vec) {
            out.writeByte(8);
            out.writeInt(vec.values().length);
            for (float f : vec.values()) {
                out.writeInt(Float.floatToRawIntBits(f));
            }
        } else if (v instanceof NodeValue node) {
            out.writeByte(9);
            node(out, node);
        } else if (v instanceof RelationshipValue rel) {
            out.writeByte(10);
            relationship(out, rel);
        } else if (v instanceof PathValue path) {
            out.writeByte(11);
            out.writeInt(path.nodes().size());
            for (NodeValue node : path.nodes()) {
                node(out, node);
            }
            out.writeInt(path.relationships().size());
            for (RelationshipValue rel : path.relationships()) {
                relationship(out, rel);
            }
        } else if (v instanceof DateTimeValue dt) {
            out.writeByte(12);
            string(out, dt.value().toString());
        } else if (v instanceof DateValue d) {
            out.writeByte(13);
            out.writeLong(d.value().toEpochDay());
        } else if (v instanceof TimeValue t) {
            out.writeByte(14);
            out.writeLong(t.value().toNanoOfDay());
        } else if (v instanceof DurationValue d) {
            out.writeByte(15);
            out.writeLong(d.value().getSeconds());
            out.writeInt(d.value().getNano());
        } else {
            throw new IllegalArgumentException("Unknown value " + v);
        }
    }

    private static GraphValue read(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> NullValue.INSTANCE;
            case 1 -> new BooleanValue(in.readBoolean());
            case 2 -> new IntegerValue(in.readLong());
            case 3 -> new DoubleValue(Double.longBitsToDouble(in.readLong()));
            case 4 -> new StringValue(string(in));
            case 5 -> {
                int n = in.readInt();
                List<GraphValue> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(read(in));
                }
                yield new ListValue(List.copyOf(values));
            }
            case 6 -> new MapValue(map(in));
            case 7 -> new PointValue(Double.longBitsToDouble(in.readLong()), Double.longBitsToDouble(in.readLong()));
            case 8 -> {
                float[] f = new float[in.readInt()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Float.intBitsToFloat(in.readInt());
                }
                yield new VectorValue(f);
            }
            case 9 -> node(in);
            case 10 -> relationship(in);
            case 11 -> {
                int n = in.readInt();
                List<NodeValue> nodes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    nodes.add(node(in));
                }
                int r = in.readInt();
                List<RelationshipValue> rels = new ArrayList<>(r);
                for (int i = 0; i < r; i++) {
                    rels.add(relationship(in));
                }
                yield new PathValue(nodes, rels);
            }
            case 12 -> new DateTimeValue(LocalDateTime.parse(string(in)));
            case 13 -> new DateValue(LocalDate.ofEpochDay(in.readLong()));
            case 14 -> new TimeValue(LocalTime.ofNanoOfDay(in.readLong()));
            case 15 -> new DurationValue(Duration.ofSeconds(in.readLong(), in.readInt()));
            default -> throw new IOException("Unknown value tag " + tag);
        };
    }

    private static void node(DataOutputStream out, NodeValue node) throws IOException {
        out.writeLong(node.id());
        out.writeInt(node.labels().size());
        for (String l : node.labels()) {
            out.writeUTF(l);
        }
        map(out, node.properties());
    }

    private static NodeValue node(DataInputStream in) throws IOException {
        long id = in.readLong();
        int n = in.readInt();
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(in.readUTF());
        }
        return new NodeValue(id, labels, map(in));
    }

    private static void relationship(DataOutputStream out, RelationshipValue rel) throws IOException {
        out.writeLong(rel.id());
        out.writeUTF(rel.type());
        out.writeLong(rel.startId());
        out.writeLong(rel.endId());
        map(out, rel.properties());
    }

    private static RelationshipValue relationship(DataInputStream in) throws IOException {
        return new RelationshipValue(in.readLong(), in.readUTF(), in.readLong(), in.readLong(), map(in));
    }

    private static void map(DataOutputStream out, Map<String, GraphValue> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, GraphValue> e : map.entrySet()) {
            string(out, e.getKey());
            write(out, e.getValue());
        }
    }

    private static Map<String, GraphValue> map(DataInputStream in) throws IOException {
        int n = in.readInt();
        LinkedHashMap<String, GraphValue> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(string(in), read(in));
        }
        return m;
    }

    /** A string of any length (writeUTF stops at 64 KB). */
    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
