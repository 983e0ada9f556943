package dev.falkor.orm.bench.jfalkordb;

import com.falkordb.Driver;
import com.falkordb.FalkorDB;
import com.falkordb.Graph;
import com.falkordb.Record;
import com.falkordb.ResultSet;
import com.falkordb.graph_entities.Node;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.net.URI;
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
 * The reads of the bench module's {@code ReadBenchmark} through JFalkorDB, on the same data
 * (5,000 people, 10 KNOWS friends each), read into the same kind of row, as its users write
 * them: {@code RETURN n} nodes with parameters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JFalkorDBReadBenchmark {
    static final int PEOPLE = 5_000;
    private EmbeddedFalkorDB embedded;
    private Driver driver;
    private Graph graph;
    private final SplittableRandom random = new SplittableRandom(7);

    /** The fields both suites read. */
    record Row(long id, String name, long age, String city) {
    }

    @Setup(Level.Trial)
    public void seed() {
        String external = System.getenv("FALKORDB_URL");
        embedded = external == null || external.isBlank() ? EmbeddedFalkorDB.start() : null;
        URI uri = URI.create(embedded != null ? embedded.url() : external);
        driver = FalkorDB.driver(uri.getHost(), uri.getPort());
        graph = (Graph) driver.graph("bench_jfalkordb");
        try {
            graph.deleteGraph();
        } catch (RuntimeException absent) {
            // a fresh server has no such graph
        }
        graph.query("CREATE INDEX FOR (n:Person) ON (n.id)");
        graph.query("UNWIND range(0, " + (PEOPLE - 1) + ") AS i CREATE (:Person {id: i, name: 'name' + toString(i), "
                + "age: i % 90, city: 'city' + toString(i % 50)})");
        for (int from = 0; from < PEOPLE; from += 500) { // short statements: the client's read timeout is 2 s
            graph.query("UNWIND range(" + from + ", " + (from + 499) + ") AS i MATCH (a:Person {id: i}) "
                    + "UNWIND range(1, 10) AS k MATCH (b:Person {id: (i + k * 7) % " + PEOPLE + "}) "
                    + "CREATE (a)-[:KNOWS]->(b)");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        graph.deleteGraph();
        driver.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private static Row row(Node n) {
        return new Row(((Number) n.getProperty("id").getValue()).longValue(), (String) n.getProperty("name").getValue(),
                ((Number) n.getProperty("age").getValue()).longValue(), (String) n.getProperty("city").getValue());
    }

    @Benchmark
    public Row findByIdJFalkorDB() {
        ResultSet rs = graph.readOnlyQuery("MATCH (n:Person) WHERE n.id = $id RETURN n",
                Map.of("id", random.nextLong(PEOPLE)));
        Record r = rs.iterator().next();
        return row(r.getValue(0));
    }

    @Benchmark
    public List<List<Row>> eager100x10JFalkorDB() {
        long start = random.nextLong(PEOPLE - 100);
        List<Long> ids = new ArrayList<>(100);
        for (long i = 0; i < 100; i++) {
            ids.add(start + i);
        }
        ResultSet rs = graph.readOnlyQuery("MATCH (p:Person) WHERE p.id IN $ids RETURN p, [(p)-[:KNOWS]->(f:Person) | f]",
                Map.of("ids", ids));
        List<List<Row>> out = new ArrayList<>(100);
        for (Record r : rs) {
            List<Row> one = new ArrayList<>(11);
            one.add(row(r.getValue(0)));
            List<Node> friends = r.getValue(1);
            for (Node f : friends) {
                one.add(row(f));
            }
            out.add(one);
        }
        return out;
    }
}
