package dev.falkor.orm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Writes on a label that already holds 100,000 nodes: one new and one existing entity against a
 * raw inline {@code CREATE} and a raw {@code MATCH ... SET}; {@code saveAll} of 100, 1,000 and
 * 10,000 new entities against the raw {@code UNWIND ... CREATE} with inline properties (the
 * fastest form for new nodes), and the same {@code saveAll} through the built-in writer of one
 * statement per entity ({@code *PlainWriter}); and 100 entities saved one by one. The graph
 * grows during the run, as it would in use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WriteBenchmark {
    static final int EXISTING = 100_000;
    private Server server;
    private Model.People people;
    private Model.People plainPeople;
    private final AtomicLong rawIds = new AtomicLong(5_000_000_000L);

    @Setup(Level.Trial)
    public void seed() {
        server = new Server("bench_write");
        people = server.orm.repository(Model.People.class);
        plainPeople = server.plainOrm.repository(Model.People.class);
        server.write("UNWIND range(0, " + (EXISTING - 1) + ") AS i CREATE (:Person {id: i, name: 'name' + toString(i), "
                + "age: i % 90, city: 'city' + toString(i % 50)})");
    }

    @TearDown(Level.Trial)
    public void close() {
        server.close();
    }

    @Benchmark
    public Object saveOneNewRaw() {
        return server.write("CYPHER id=" + rawIds.incrementAndGet() + " name='new' age=30 city='Paris' "
                + "CREATE (n:Person {id: $id, name: $name, age: $age, city: $city})");
    }

    @Benchmark
    public Model.Person saveOneNewMapper() {
        return people.save(new Model.Person(null, "new", 30, "Paris"));
    }

    @Benchmark
    public Object saveOneExistingRaw() {
        return server.write("CYPHER id=" + (rawIds.incrementAndGet() % EXISTING) + " name='renamed' age=31 city='Lyon' "
                + "MATCH (n:Person {id: $id}) SET n.name = $name, n.age = $age, n.city = $city");
    }

    @Benchmark
    public Model.Person saveOneExistingMapper() {
        return people.save(new Model.Person(rawIds.incrementAndGet() % EXISTING, "renamed", 31, "Lyon"));
    }

    @Benchmark
    public Object saveAll100Raw() {
        return server.write(createRows(100));
    }

    @Benchmark
    public List<Model.Person> saveAll100Mapper() {
        return people.saveAll(newPeople(100));
    }

    @Benchmark
    public List<Model.Person> saveAll100PlainWriter() {
        return plainPeople.saveAll(newPeople(100));
    }

    @Benchmark
    public List<Model.Person> saveAll1000PlainWriter() {
        return plainPeople.saveAll(newPeople(1000));
    }

    @Benchmark
    public List<Model.Person> saveAll10000PlainWriter() {
        return plainPeople.saveAll(newPeople(10_000));
    }

    @Benchmark
    public Object saveAll10000Raw() {
        Object last = null;
        for (int chunk = 0; chunk < 10; chunk++) {
            last = server.write(createRows(1000));
        }
        return last;
    }

    @Benchmark
    public List<Model.Person> saveAll10000Mapper() {
        return people.saveAll(newPeople(10_000));
    }

    /** 100 new entities saved one statement each: what batching saves. */
    @Benchmark
    public int save100OneByOneMapper() {
        int n = 0;
        for (Model.Person p : newPeople(100)) {
            people.save(p);
            n++;
        }
        return n;
    }

    private static List<Model.Person> newPeople(int n) {
        List<Model.Person> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(new Model.Person(null, "n", 30, "Paris"));
        }
        return batch;
    }

    private String createRows(int n) {
        StringBuilder rows = new StringBuilder("CYPHER rows=[");
        for (int i = 0; i < n; i++) {
            rows.append(i == 0 ? "" : ",").append("{id:").append(rawIds.incrementAndGet())
                    .append(",name:'n',age:30,city:'Paris'}");
        }
        // flat rows: the fastest hand-written form (one nested map per row costs the server a third more)
        return rows.append("] UNWIND $rows AS row CREATE (n:Person {id: row.id, name: row.name, "
                + "age: row.age, city: row.city})").toString();
    }

    @Benchmark
    public Object saveAll1000Raw() {
        return server.write(createRows(1000));
    }

    @Benchmark
    public List<Model.Person> saveAll1000Mapper() {
        return people.saveAll(newPeople(1000));
    }
}
