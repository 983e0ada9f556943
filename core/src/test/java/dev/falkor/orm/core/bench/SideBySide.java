package dev.falkor.orm.core.bench;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * Side-by-side timing of the mapper against hand-written Cypher on plain Jedis, in one JVM,
 * interleaved rounds (so machine load hits every candidate alike), until the JMH suite exists.
 * Not a test: run with {@code mvn -B -ntp -Photpath -pl core -am verify -DskipTests}.
 * Prints the median time per operation of each candidate and its ratio to the raw client.
 */
public final class SideBySide {
    private static final ProtocolCommand RO_QUERY = () -> "GRAPH.RO_QUERY".getBytes(StandardCharsets.US_ASCII);
    private static final ProtocolCommand QUERY = () -> "GRAPH.QUERY".getBytes(StandardCharsets.US_ASCII);
    private static final String GRAPH = "sidebyside";
    private static final int NODES = 5_000;

    @Node("Plain")
    public static class Plain {
        @Id long id;
        String name;
        int age;
        String city;

        public Plain() {
        }

        Plain(long id, String name, int age, String city) {
            this.id = id;
            this.name = name;
            this.age = age;
            this.city = city;
        }
    }

    @Node("Priced")
    public static class Priced {
        @Id long id;
        String name;
        int age;
        double price;

        public Priced() {
        }

        Priced(long id, String name, int age, double price) {
            this.id = id;
            this.name = name;
            this.age = age;
            this.price = price;
        }
    }

    @Node("Written")
    public static class Written {
        @Id long id;
        String name;
        int age;
        String city;

        public Written() {
        }

        Written(long id, String name, int age, String city) {
            this.id = id;
            this.name = name;
            this.age = age;
            this.city = city;
        }
    }

    public interface PlainRepository extends Repository<Plain, Long> {
    }

    public interface PricedRepository extends Repository<Priced, Long> {
    }

    public interface WrittenRepository extends Repository<Written, Long> {
    }

    private SideBySide() {
    }

    public static void main(String[] args) {
        int rounds = Integer.getInteger("rounds", 7);
        int reads = Integer.getInteger("reads", 3_000);
        String url = System.getenv("FALKORDB_URL");
        EmbeddedFalkorDB server = url == null ? EmbeddedFalkorDB.start() : null;
        String u = url != null ? url : server.url();
        java.net.URI uri = java.net.URI.create(u);
        try (FalkorOrm orm = FalkorOrm.builder().url(u).graph(GRAPH).lookup(MethodHandles.lookup()).build();
             Jedis jedis = new Jedis(uri.getHost(), uri.getPort())) {
            orm.transport().deleteGraph(GRAPH);
            PlainRepository plains = orm.repository(PlainRepository.class);
            PricedRepository priced = orm.repository(PricedRepository.class);
            WrittenRepository written = orm.repository(WrittenRepository.class);
            Random random = new Random(7);
            List<Plain> p = new ArrayList<>();
            List<Priced> q = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                p.add(new Plain(i, "name" + i, i % 90, "city" + (i % 50)));
                q.add(new Priced(i, "name" + i, i % 90, random.nextDouble() * 1000));
            }
            plains.saveAll(p);
            priced.saveAll(q);

            Map<String, LongSupplier> candidates = new LinkedHashMap<>();
            candidates.put("findById raw Jedis, no double", () -> timeReads(reads, random,
                    id -> rawPlain(jedis, id)));
            candidates.put("findById mapper, no double", () -> timeReads(reads, random,
                    id -> plains.findById(id).orElseThrow()));
            candidates.put("findById raw Jedis, 1 double (rounded)", () -> timeReads(reads, random,
                    id -> rawPriced(jedis, id)));
            candidates.put("findById mapper, 1 double (exact)", () -> timeReads(reads, random,
                    id -> priced.findById(id).orElseThrow()));
            int[] round = {0};
            candidates.put("saveAll 10,000 raw UNWIND (batches of 1,000)", () -> timeWrite(() -> rawSave(jedis, round[0]++)));
            candidates.put("saveAll 10,000 mapper", () -> timeWrite(() -> written.saveAll(newWritten(round[0]++))));

            Map<String, long[]> samples = new LinkedHashMap<>();
            candidates.keySet().forEach(k -> samples.put(k, new long[rounds]));
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (Map.Entry<String, LongSupplier> c : candidates.entrySet()) {
                    long nanos = c.getValue().getAsLong();
                    if (r >= 0) {
                        samples.get(c.getKey())[r] = nanos;
                    }
                }
            }
            print(samples, reads);
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    private interface Read {
        Object read(long id);
    }

    private static long timeReads(int n, Random random, Read read) {
        long start = System.nanoTime();
        Object sink = null;
        for (int i = 0; i < n; i++) {
            sink = read.read(random.nextInt(NODES));
        }
        long nanos = System.nanoTime() - start;
        if (sink == null) {
            throw new IllegalStateException();
        }
        return nanos / n;
    }

    private static long timeWrite(Runnable write) {
        long start = System.nanoTime();
        write.run();
        return System.nanoTime() - start;
    }

    private static List<Written> newWritten(int round) {
        List<Written> out = new ArrayList<>();
        long base = 1_000_000L * (round + 1);
        for (int i = 0; i < 10_000; i++) {
            out.add(new Written(base + i, "w" + i, i % 90, "c" + (i % 40)));
        }
        return out;
    }

    /** What a careful hand-written client does: parameters, the index, the reply read into an object. */
    private static Plain rawPlain(Jedis jedis, long id) {
        Map<String, Object> m = firstRowMap(jedis.sendCommand(RO_QUERY, bytes(GRAPH),
                bytes("CYPHER id=" + id + " MATCH (n:Plain) WHERE n.id = $id RETURN n{.*}"), bytes("--compact")));
        return new Plain((Long) m.get("id"), (String) m.get("name"), ((Long) m.get("age")).intValue(),
                (String) m.get("city"));
    }

    private static Priced rawPriced(Jedis jedis, long id) {
        Map<String, Object> m = firstRowMap(jedis.sendCommand(RO_QUERY, bytes(GRAPH),
                bytes("CYPHER id=" + id + " MATCH (n:Priced) WHERE n.id = $id RETURN n{.*}"), bytes("--compact")));
        return new Priced((Long) m.get("id"), (String) m.get("name"), ((Long) m.get("age")).intValue(),
                Double.parseDouble((String) m.get("price")));
    }

    private static void rawSave(Jedis jedis, int round) {
        long base = 1_000_000L * (round + 1);
        for (int from = 0; from < 10_000; from += 1_000) {
            StringBuilder rows = new StringBuilder("CYPHER rows=[");
            for (int i = from; i < from + 1_000; i++) {
                rows.append(i == from ? "" : ", ").append("{id: ").append(base + i).append(", props: {id: ")
                        .append(base + i).append(", name: \"w").append(i).append("\", age: ").append(i % 90)
                        .append(", city: \"c").append(i % 40).append("\"}}");
            }
            rows.append("] UNWIND $rows AS row MERGE (n:Written {id: row.id}) SET n += row.props");
            jedis.sendCommand(QUERY, bytes(GRAPH), bytes(rows.toString()), bytes("--compact"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstRowMap(Object reply) {
        List<Object> top = (List<Object>) reply;
        List<Object> rows = (List<Object>) top.get(1);
        List<Object> cell = (List<Object>) ((List<Object>) rows.get(0)).get(0);
        List<Object> flat = (List<Object>) cell.get(1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            List<Object> typed = (List<Object>) flat.get(i + 1);
            Object v = typed.get(1);
            out.put(new String((byte[]) flat.get(i), StandardCharsets.UTF_8),
                    v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void print(Map<String, long[]> samples, int reads) {
        System.out.println();
        System.out.printf("%-46s %14s %8s%n", "candidate (median of rounds)", "time", "ratio");
        long baseline = 0;
        int i = 0;
        for (Map.Entry<String, long[]> e : samples.entrySet()) {
            long[] s = e.getValue().clone();
            Arrays.sort(s);
            long median = s[s.length / 2];
            if (i % 2 == 0) {
                baseline = median;
            }
            boolean write = e.getKey().startsWith("saveAll");
            System.out.printf("%-46s %11.1f %s %7.3fx%n", e.getKey(), write ? median / 1e6 : median / 1e3,
                    write ? "ms" : "µs", (double) median / baseline);
            i++;
        }
        System.out.println("(ratios against the raw candidate above each mapper candidate; " + reads
                + " reads per round)");
    }
}
