package dev.falkor.orm.bench;

import dev.falkor.orm.api.FetchPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reads: the mapper against hand-written Cypher on plain Jedis returning the same data, each
 * pair measured in the same run. 5,000 people, 10 {@code KNOWS} friends each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReadBenchmark {
    static final int PEOPLE = 5_000;
    static final int FRIENDS = 10;
    private Server server;
    private Model.People people;
    private Model.Flats flats;
    private Model.Scores scores;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void seed() {
        server = new Server("bench_read");
        people = server.orm.repository(Model.People.class);
        flats = server.plainOrm.repository(Model.Flats.class); // another mapper: one class per label each
        scores = server.orm.repository(Model.Scores.class);
        server.write("UNWIND range(0, " + (PEOPLE - 1) + ") AS i CREATE (:Scored {id: i, name: 'name' + toString(i), "
                + "score: i / 7.0 + 0.1})");
        List<Model.Person> all = new ArrayList<>();
        for (long i = 0; i < PEOPLE; i++) {
            all.add(new Model.Person(i, "name" + i, (int) (i % 90), "city" + (i % 50)));
        }
        people.saveAll(all);
        server.write("UNWIND range(0, " + (PEOPLE - 1) + ") AS i MATCH (a:Person {id: i}) UNWIND range(1, " + FRIENDS
                + ") AS k MATCH (b:Person {id: (i + k * 7) % " + PEOPLE + "}) CREATE (a)-[:KNOWS]->(b)");
    }

    @TearDown(Level.Trial)
    public void close() {
        server.close();
    }

    private long id() {
        return random.nextLong(PEOPLE);
    }

    private List<Long> hundred() {
        List<Long> ids = new ArrayList<>(100);
        long start = random.nextLong(PEOPLE - 100);
        for (long i = 0; i < 100; i++) {
            ids.add(start + i);
        }
        return ids;
    }

    private static Model.Row row(Map<String, Object> m) {
        return new Model.Row((Long) m.get("id"), (String) m.get("name"), (Long) m.get("age"), (String) m.get("city"));
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public Model.Row findByIdRaw() {
        List<Object> rows = Raw.rows(server.read("CYPHER id=" + id() + " MATCH (n:Person) WHERE n.id = $id RETURN n{.*}"));
        return row(Raw.map((List<Object>) ((List<Object>) rows.get(0)).get(0)));
    }

    @Benchmark
    public Model.Person findByIdMapper() {
        return people.findById(id()).orElseThrow();
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public Object[] findByIdDoubleRaw() {
        List<Object> rows = Raw.rows(server.read("CYPHER id=" + id() + " MATCH (n:Scored) WHERE n.id = $id RETURN n{.*}"));
        Map<String, Object> m = Raw.map((List<Object>) ((List<Object>) rows.get(0)).get(0));
        return new Object[] {m.get("id"), m.get("name"), m.get("score")};
    }

    /** A read of an entity with a double, bit-exact (the raw candidate reads the server's 15-digit rounding). */
    @Benchmark
    public Model.Scored findByIdDoubleMapper() {
        return scores.findById(id()).orElseThrow();
    }

    /** The same read into an entity without a relationship field (no lazy container to make). */
    @Benchmark
    public Model.Flat findByIdFlatMapper() {
        return flats.findById(id()).orElseThrow();
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public List<Model.Row> derivedQuery100Raw() {
        int city = random.nextInt(50);
        List<Object> rows = Raw.rows(server.read("CYPHER city='city" + city + "' age=0 MATCH (n:Person) "
                + "WHERE n.city = $city AND n.age > $age RETURN n{.*}"));
        List<Model.Row> out = new ArrayList<>(rows.size());
        for (Object r : rows) {
            out.add(row(Raw.map((List<Object>) ((List<Object>) r).get(0))));
        }
        return out;
    }

    @Benchmark
    public List<Model.Person> derivedQuery100Mapper() {
        return people.findByCityAndAgeGreaterThan("city" + random.nextInt(50), 0);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public List<List<Model.Row>> eager100x10Raw() {
        List<Long> ids = hundred();
        List<Object> rows = Raw.rows(server.read("CYPHER ids=" + ids + " MATCH (p:Person) WHERE p.id IN $ids "
                + "RETURN p{.*}, [(p)-[:KNOWS]->(f:Person) | f{.*}]"));
        List<List<Model.Row>> out = new ArrayList<>(rows.size());
        for (Object r : rows) {
            List<Object> cells = (List<Object>) r;
            List<Model.Row> one = new ArrayList<>(FRIENDS + 1);
            one.add(row(Raw.map((List<Object>) cells.get(0))));
            for (Object f : (List<Object>) ((List<Object>) cells.get(1)).get(1)) {
                one.add(row(Raw.map((List<Object>) f)));
            }
            out.add(one);
        }
        return out;
    }

    @Benchmark
    public List<Model.Person> eager100x10Mapper() {
        return people.findAllById(hundred(), FetchPlan.of("friends"));
    }

    @Benchmark
    public int lazy100x10Mapper() {
        int n = 0;
        for (Model.Person p : people.findAllById(hundred())) {
            n += p.friends.size();
        }
        return n;
    }
}
