package dev.falkor.orm.core.bench;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * Side-by-side timing of the mapper against hand-written Cypher on plain Jedis, in one JVM,
 * interleaved rounds (so machine load hits every candidate alike), until the JMH suite exists.
 * Not a test: run with {@code mvn -B -ntp -Photpath -pl core -am verify -DskipTests}.
 * Prints the median time per operation of each candidate and its ratio to the raw client.
 *
 * <p>The fetch candidates read 100 people by id with their 10 {@code KNOWS} friends each (among
 * {@value #PEOPLE} people): the mapper's {@code findAllById(ids, FetchPlan.of("friends"))} (one
 * statement), the same read lazily ({@code findAllById(ids)}, then every friends list touched:
 * two statements, checked before timing), and the hand-written
 * {@code RETURN p{.*}, [(p)-[:KNOWS]->(f:Person) | f{.*}]} on plain Jedis, building the same
 * objects. {@code -Dfetches=N} sets the fetch calls per round (default 200).
 */
public final class SideBySide {
    private static final ProtocolCommand RO_QUERY = () -> "GRAPH.RO_QUERY".getBytes(StandardCharsets.US_ASCII);
    private static final ProtocolCommand QUERY = () -> "GRAPH.QUERY".getBytes(StandardCharsets.US_ASCII);
    private static final String GRAPH = "sidebyside";
    private static final int NODES = 5_000;
    /** {@code -Dwrites=false} leaves the saveAll candidates out (reads on a graph that does not grow). */
    private static final boolean WRITES = !"false".equals(System.getProperty("writes"));
    /** People in the relationship graph; each knows {@value #FRIENDS} others. */
    private static final int PEOPLE = 3_000;
    private static final int FRIENDS = 10;
    /** Roots per fetch call. */
    private static final int ROOTS = 100;

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

    /** A person with lazy (by default) friends; no doubles. */
    @Node("Person")
    public static class Person {
        @Id long id;
        String name;
        int age;
        String city;
        @Relationship(type = "KNOWS")
        List<Person> friends;

        public Person() {
        }

        Person(long id, String name, int age, String city) {
            this.id = id;
            this.name = name;
            this.age = age;
            this.city = city;
        }
    }

    public interface PlainRepository extends Repository<Plain, Long> {
    }

    public interface PersonRepository extends Repository<Person, Long> {
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
            PersonRepository persons = orm.repository(PersonRepository.class);
            buildPeople(orm, persons);
            boolean lazy = checkFetches(u, persons, jedis, random);
            int fetches = Integer.getInteger("fetches", 200);

            // Reads: raw and mapper alternate call by call (order flipped every call), each timed
            // on its own, so both see the same machine at the same moment.
            Map<String, long[]> samples = new LinkedHashMap<>();
            String[] names = {"findById raw Jedis, no double", "findById mapper, no double",
                    "findById raw Jedis, 1 double (rounded)", "findById mapper, 1 double (exact)",
                    "saveAll 10,000 raw UNWIND (batches of 1,000)", "saveAll 10,000 mapper",
                    "fetch 100x10 KNOWS raw Jedis, 1 query", "fetch 100x10 mapper, FetchPlan (1 query)",
                    "fetch 100x10 mapper, lazy (2 queries)"};
            if (!lazy) {
                names = Arrays.copyOf(names, names.length - 1); // reported by checkFetches, not timed
            }
            for (String n : names) {
                samples.put(n, new long[rounds]);
            }
            int[] round = {0};
            // one mapper for the fetch candidates, as an application has (what it reads is not kept)
            FalkorOrm fetchOrm = FalkorOrm.builder().url(u).graph(GRAPH).lookup(MethodHandles.lookup()).build();
            fetchOrm.repository(PersonRepository.class).findAllById(roots(random), FetchPlan.of("friends"));
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                long[] plain = pairedReads(reads, random, id -> rawPlain(jedis, id), id -> plains.findById(id).orElseThrow());
                long[] dbl = pairedReads(reads, random, id -> rawPriced(jedis, id), id -> priced.findById(id).orElseThrow());
                long[] fetch;
                {
                    PersonRepository mapped = fetchOrm.repository(PersonRepository.class);
                    Fetch raw = ids -> rawFetch(jedis, ids);
                    Fetch eager = ids -> mapped.findAllById(ids, FetchPlan.of("friends"));
                    fetch = lazy ? rotatedFetches(fetches, random, raw, eager, ids -> lazyFetch(mapped, ids))
                            : Arrays.copyOf(rotatedFetches(fetches, random, raw, eager), 3);
                }
                boolean rawFirst = r % 2 == 0;
                if (!WRITES) {
                    if (r >= 0) {
                        long[] all = {plain[0], plain[1], dbl[0], dbl[1], 1, 1, fetch[0], fetch[1], fetch[2]};
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
                    long[] all = {plain[0], plain[1], dbl[0], dbl[1], rawWrite, mapperWrite, fetch[0], fetch[1],
                            fetch[2]};
                    for (int k = 0; k < names.length; k++) {
                        samples.get(names[k])[r] = all[k];
                    }
                }
            }
            print(samples, reads, fetches);
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    private interface Read {
        Object read(long id);
    }

    private interface Fetch {
        List<Person> fetch(List<Long> ids);
    }

    /** {@value #PEOPLE} people, each knowing {@value #FRIENDS} others (distinct, never itself). */
    private static void buildPeople(FalkorOrm orm, PersonRepository persons) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(new Person(i, "person" + i, i % 90, "city" + (i % 50)));
        }
        persons.saveAll(people); // friends null: no relationships written
        orm.query("UNWIND range(0, $n - 1) AS i MATCH (a:Person {id: i}) UNWIND range(1, $k) AS j "
                        + "MATCH (b:Person {id: (i + j * $step) % $n}) CREATE (a)-[:KNOWS]->(b)")
                .param("n", PEOPLE).param("k", FRIENDS).param("step", 131).write().execute();
    }

    /** {@value #ROOTS} distinct random ids. */
    private static List<Long> roots(Random random) {
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        while (ids.size() < ROOTS) {
            ids.add((long) random.nextInt(PEOPLE));
        }
        return new ArrayList<>(ids);
    }

    /** The mapper's lazy path: the roots in one query, then every friends list touched (one more query). */
    private static List<Person> lazyFetch(PersonRepository persons, List<Long> ids) {
        List<Person> roots = persons.findAllById(ids);
        for (Person r : roots) {
            r.friends.size();
        }
        return roots;
    }

    /**
     * Before timing: all three fetch candidates return the same people and friends, the eager
     * read is one statement and the lazy one two. Returns false (and says why) if the lazy path
     * fails, so it is left out of the timing instead of ending the run.
     */
    private static boolean checkFetches(String url, PersonRepository timed, Jedis jedis, Random random) {
        TransportProvider provider = ServiceLoader.load(TransportProvider.class).findFirst().orElseThrow();
        try (Counting transport = new Counting(provider.create(TransportConfig.fromUrl(url)));
             FalkorOrm counted = FalkorOrm.builder().transport(transport).graph(GRAPH).lookup(MethodHandles.lookup())
                     .build()) {
            PersonRepository persons = counted.repository(PersonRepository.class);
            persons.findById(0L); // first use of the type checks its indexes
            List<Long> ids = roots(random);
            String raw = describe(rawFetch(jedis, ids));
            int before = transport.count.get();
            String eager = describe(persons.findAllById(ids, FetchPlan.of("friends")));
            int eagerQueries = transport.count.get() - before;
            if (!raw.equals(eager) || !raw.equals(describe(timed.findAllById(ids, FetchPlan.of("friends"))))) {
                throw new IllegalStateException("fetch candidates disagree:\n" + raw + "\n" + eager);
            }
            if (eagerQueries != 1) {
                throw new IllegalStateException("expected 1 eager query, counted " + eagerQueries);
            }
            int lazyQueries = 0;
            for (int attempt = 0; attempt < 20; attempt++) { // several id sets: the timed loop must not fail
                List<Long> some = attempt == 0 ? ids : roots(random);
                String expected = attempt == 0 ? raw : describe(rawFetch(jedis, some));
                String lazy;
                try {
                    before = transport.count.get();
                    lazy = describe(lazyFetch(persons, some));
                    lazyQueries = transport.count.get() - before;
                } catch (RuntimeException e) {
                    System.out.println("fetch check: eager " + eagerQueries + " query, reads what raw Jedis reads; the "
                            + "lazy path FAILED (attempt " + (attempt + 1) + ") and is not timed: " + e);
                    return false;
                }
                if (!expected.equals(lazy)) {
                    throw new IllegalStateException("lazy fetch disagrees:\n" + expected + "\n" + lazy);
                }
                if (lazyQueries != 2) {
                    throw new IllegalStateException("expected 2 lazy queries, counted " + lazyQueries);
                }
            }
            System.out.println("fetch check: " + ROOTS + " people, " + ROOTS * FRIENDS + " friends; eager "
                    + eagerQueries + " query, lazy " + lazyQueries + " queries; all three candidates read the same");
            return true;
        }
    }

    /** A canonical text of people and their friends (sorted by id), to compare candidates. */
    private static String describe(List<Person> people) {
        List<String> out = new ArrayList<>();
        for (Person p : people) {
            List<String> friends = new ArrayList<>();
            for (Person f : p.friends) {
                friends.add(f.id + "/" + f.name + "/" + f.age + "/" + f.city);
            }
            friends.sort(null);
            out.add(p.id + "/" + p.name + "/" + p.age + "/" + p.city + friends);
        }
        out.sort(null);
        return String.join(";", out);
    }

    /**
     * Mean nanoseconds per call of each candidate, all called on the same {@value #ROOTS} random
     * ids per iteration, the order rotated every iteration.
     */
    private static long[] rotatedFetches(int n, Random random, Fetch... candidates) {
        long[] total = new long[candidates.length];
        int sink = 0;
        for (int i = 0; i < n; i++) {
            List<Long> ids = roots(random);
            for (int k = 0; k < candidates.length; k++) {
                int c = (i + k) % candidates.length;
                long start = System.nanoTime();
                sink += candidates[c].fetch(ids).size();
                total[c] += System.nanoTime() - start;
            }
        }
        if (sink != n * candidates.length * ROOTS) {
            throw new IllegalStateException("a fetch returned the wrong number of people");
        }
        for (int c = 0; c < total.length; c++) {
            total[c] /= n;
        }
        return total;
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
                rows.append(i == from ? "" : ",").append("{id:").append(base + i).append(",name:\"w").append(i)
                        .append("\",age:").append(i % 90).append(",city:\"c").append(i % 40).append("\"}");
            }
            // flat rows, the fastest hand-written form (a nested props map costs the server a third more)
            rows.append("] UNWIND $rows AS row MERGE (n:Written {id: row.id}) SET n += row");
            jedis.sendCommand(QUERY, bytes(GRAPH), bytes(rows.toString()), bytes("--compact"));
        }
    }

    /** The hand-written eager read: the roots and their friends in one query, into the same objects. */
    @SuppressWarnings("unchecked")
    private static List<Person> rawFetch(Jedis jedis, List<Long> ids) {
        StringBuilder cypher = new StringBuilder("CYPHER ids=[");
        for (int i = 0; i < ids.size(); i++) {
            cypher.append(i == 0 ? "" : ", ").append(ids.get(i));
        }
        cypher.append("] MATCH (p:Person) WHERE p.id IN $ids RETURN p{.*}, [(p)-[:KNOWS]->(f:Person) | f{.*}]");
        List<Object> top = (List<Object>) jedis.sendCommand(RO_QUERY, bytes(GRAPH), bytes(cypher.toString()),
                bytes("--compact"));
        List<Object> rows = (List<Object>) top.get(1);
        List<Person> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            List<Object> cells = (List<Object>) row;
            Person p = person(mapValue((List<Object>) cells.get(0)));
            List<Object> friends = (List<Object>) ((List<Object>) cells.get(1)).get(1);
            p.friends = new ArrayList<>(friends.size());
            for (Object f : friends) {
                p.friends.add(person(mapValue((List<Object>) f)));
            }
            out.add(p);
        }
        return out;
    }

    private static Person person(Map<String, Object> m) {
        return new Person((Long) m.get("id"), (String) m.get("name"), ((Long) m.get("age")).intValue(),
                (String) m.get("city"));
    }

    /** A compact-protocol map value {@code [type, [key, [type, value], ...]]} as Java values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapValue(List<Object> typed) {
        List<Object> flat = (List<Object>) typed.get(1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            Object v = ((List<Object>) flat.get(i + 1)).get(1);
            out.put(new String((byte[]) flat.get(i), StandardCharsets.UTF_8),
                    v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v);
        }
        return out;
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

    /** Delegates to a transport and counts the statements that read or write data (not schema checks). */
    private static final class Counting extends dev.falkor.orm.spi.ForwardingTransport {
        final AtomicInteger count = new AtomicInteger();

        Counting(Transport next) {
            super(next);
        }

        private void count(GraphQuery query) {
            if (!query.cypher().startsWith("CALL db.indexes()") && !query.cypher().startsWith("CREATE INDEX")) {
                count.incrementAndGet();
            }
        }

        @Override
        public QueryResult execute(GraphQuery query) {
            count(query);
            return super.execute(query);
        }

        @Override
        public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
            count(query);
            return super.executeAsync(query);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void print(Map<String, long[]> samples, int reads, int fetches) {
        System.out.println();
        System.out.printf("%-46s %12s %10s %18s%n", "candidate", "median", "ratio", "ratio range (IQR)");
        long[] baseline = null;
        for (Map.Entry<String, long[]> e : samples.entrySet()) {
            long[] s = e.getValue();
            if (e.getKey().contains(" raw ")) {
                baseline = s; // the mapper candidates that follow are compared with it
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
            boolean write = e.getKey().startsWith("saveAll") || e.getKey().startsWith("fetch");
            System.out.printf("%-46s %9.1f %s %9.3fx %8.3f - %.3f%n", e.getKey(), write ? median / 1e6 : median / 1e3,
                    write ? "ms" : "µs", ratios[ratios.length / 2], ratios[ratios.length / 4],
                    ratios[ratios.length * 3 / 4]);
        }
        System.out.println("(ratios: median over rounds of each round's mapper/raw; " + reads + " reads and " + fetches
                + " fetches of " + ROOTS + " people per round)");
    }
}
