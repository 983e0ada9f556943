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
    /** {@code -Dwrites=false} leaves the saveAll candidates out (reads on a graph that does not grow). */
    private static final boolean WRITES = !"false".equals(System.getProperty("writes"));

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

            // Reads: raw and mapper alternate call by call (order flipped every call), each timed
            // on its own, so both see the same machine at the same moment.
            Map<String, long[]> samples = new LinkedHashMap<>();
            String[] names = {"findById raw Jedis, no double", "findById mapper, no double",
                    "findById raw Jedis, 1 double (rounded)", "findById mapper, 1 double (exact)",
                    "saveAll 10,000 raw UNWIND (batches of 1,000)", "saveAll 10,000 mapper"};
            for (String n : names) {
                samples.put(n, new long[rounds]);
            }
            int[] round = {0};
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                long[] plain = pairedReads(reads, random, id -> rawPlain(jedis, id), id -> plains.findById(id).orElseThrow());
                long[] dbl = pairedReads(reads, random, id -> rawPriced(jedis, id), id -> priced.findById(id).orElseThrow());
                boolean rawFirst = r % 2 == 0;
                if (!WRITES) {
                    if (r >= 0) {
                        long[] all = {plain[0], plain[1], dbl[0], dbl[1], 1, 1};
                        for (int k = 0; k < names.length; k++) {
                            samples.get(names[k])[r] = all[k];
                        }
                    }
                    continue;
                }
                long rawWrite = 0;
                long mapperWrite = 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == rawFirst) {
                        rawWrite = timeWrite(() -> rawSave(jedis, round[0]++));
                    } else {
                        mapperWrite = timeWrite(() -> written.saveAll(newWritten(round[0]++)));
                    }
                }
                if (r >= 0) {
                    long[] all = {plain[0], plain[1], dbl[0], dbl[1], rawWrite, mapperWrite};
                    for (int k = 0; k < names.length; k++) {
                        samples.get(names[k])[r] = all[k];
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

    /** Mean nanoseconds per call of {@code a} and of {@code b}, called alternately on the same ids. */
    private static long[] pairedReads(int n, Random random, Read a, Read b) {
        long ta = 0;
        long tb = 0;
        Object sink = null;
        for (int i = 0; i < n; i++) {
            long id = random.nextInt(NODES);
            boolean aFirst = (i & 1) == 0;
            for (int k = 0; k < 2; k++) {
                boolean runA = (k == 0) == aFirst;
                long start = System.nanoTime();
                sink = runA ? a.read(id) : b.read(id);
                long took = System.nanoTime() - start;
                if (runA) {
                    ta += took;
                } else {
                    tb += took;
                }
            }
        }
        if (sink == null) {
            throw new IllegalStateException();
        }
        return new long[] {ta / n, tb / n};
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
        System.out.printf("%-46s %12s %10s %18s%n", "candidate", "median", "ratio", "ratio range (IQR)");
        long[] baseline = null;
        int i = 0;
        for (Map.Entry<String, long[]> e : samples.entrySet()) {
            long[] s = e.getValue();
            if (i % 2 == 0) {
                baseline = s;
            }
            // ratio per round against the raw candidate run just before it: slow drifts of the
            // machine cancel out, then the median over rounds
            double[] ratios = new double[s.length];
            for (int r = 0; r < s.length; r++) {
                ratios[r] = (double) s[r] / baseline[r];
            }
            Arrays.sort(ratios);
            long[] sorted = s.clone();
            Arrays.sort(sorted);
            long median = sorted[sorted.length / 2];
            boolean write = e.getKey().startsWith("saveAll");
            System.out.printf("%-46s %9.1f %s %9.3fx %8.3f - %.3f%n", e.getKey(), write ? median / 1e6 : median / 1e3,
                    write ? "ms" : "µs", ratios[ratios.length / 2], ratios[ratios.length / 4],
                    ratios[ratios.length * 3 / 4]);
            i++;
        }
        System.out.println("(ratios: median over rounds of each round's mapper/raw; " + reads + " reads per round)");
    }
}
