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
 * Writes on a label that already holds 100,000 nodes: one new entity (generated id) against a
 * raw inline {@code CREATE}, and {@code saveAll} of 1,000 new entities against the raw
 * {@code UNWIND ... CREATE} with inline properties (the fastest form for new nodes). The graph
 * grows during the run, as it would in use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WriteBenchmark {
    static final int EXISTING = 100_000;
    private Server server;
    private Model.People people;
    private final AtomicLong rawIds = new AtomicLong(5_000_000_000L);

    @Setup(Level.Trial)
    public void seed() {
        server = new Server("bench_write");
        people = server.orm.repository(Model.People.class);
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
    public Object saveAll1000Raw() {
        StringBuilder rows = new StringBuilder("CYPHER rows=[");
        for (int i = 0; i < 1000; i++) {
            rows.append(i == 0 ? "" : ",").append("{id:").append(rawIds.incrementAndGet())
                    .append(",props:{name:'n',age:30,city:'Paris'}}");
        }
        rows.append("] UNWIND $rows AS row CREATE (n:Person {id: row.id, name: row.props.name, age: row.props.age, "
                + "city: row.props.city})");
        return server.write(rows.toString());
    }

    @Benchmark
    public List<Model.Person> saveAll1000Mapper() {
        List<Model.Person> batch = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            batch.add(new Model.Person(null, "n", 30, "Paris"));
        }
        return people.saveAll(batch);
    }
}
