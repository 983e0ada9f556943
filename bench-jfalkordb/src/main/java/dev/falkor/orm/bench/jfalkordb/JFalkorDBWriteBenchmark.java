package dev.falkor.orm.bench.jfalkordb;

import com.falkordb.Driver;
import com.falkordb.FalkorDB;
import com.falkordb.Graph;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The writes of the bench module's {@code WriteBenchmark} through JFalkorDB, on a label of
 * 100,000 nodes, as its users write them: parameters, and for batches a list of lists
 * ({@code UNWIND $rows AS row CREATE ... row[0] ...}), since JFalkorDB cannot send a map
 * parameter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JFalkorDBWriteBenchmark {
    static final int EXISTING = 100_000;
    private EmbeddedFalkorDB embedded;
    private Driver driver;
    private Graph graph;
    private final AtomicLong ids = new AtomicLong(5_000_000_000L);

    @Setup(Level.Trial)
    public void seed() {
        String external = System.getenv("FALKORDB_URL");
        embedded = external == null || external.isBlank() ? EmbeddedFalkorDB.start() : null;
        URI uri = URI.create(embedded != null ? embedded.url() : external);
        driver = FalkorDB.driver(uri.getHost(), uri.getPort());
        graph = (Graph) driver.graph("bench_jfalkordb_write");
        try {
            graph.deleteGraph();
        } catch (RuntimeException absent) {
            // a fresh server has no such graph
        }
        graph.query("CREATE INDEX FOR (n:Person) ON (n.id)");
        graph.query("UNWIND range(0, " + (EXISTING - 1) + ") AS i CREATE (:Person {id: i, name: 'name' + toString(i), "
                + "age: i % 90, city: 'city' + toString(i % 50)})");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        graph.deleteGraph();
        driver.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    @Benchmark
    public Object saveOneNewJFalkorDB() {
        return graph.query("CREATE (n:Person {id: $id, name: $name, age: $age, city: $city})",
                Map.of("id", ids.incrementAndGet(), "name", "new", "age", 30, "city", "Paris"));
    }

    @Benchmark
    public Object saveOneExistingJFalkorDB() {
        return graph.query("MATCH (n:Person {id: $id}) SET n.name = $name, n.age = $age, n.city = $city",
                Map.of("id", ids.incrementAndGet() % EXISTING, "name", "renamed", "age", 31, "city", "Lyon"));
    }

    @Benchmark
    public Object saveAll1000JFalkorDB() {
        List<List<Object>> rows = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            rows.add(List.of(ids.incrementAndGet(), "n", 30, "Paris"));
        }
        return graph.query("UNWIND $rows AS row CREATE (n:Person {id: row[0], name: row[1], age: row[2], city: row[3]})",
                Map.of("rows", rows));
    }
}
