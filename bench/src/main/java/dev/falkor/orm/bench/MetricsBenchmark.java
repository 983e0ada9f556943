package dev.falkor.orm.bench;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.micrometer.FalkorMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.lang.invoke.MethodHandles;
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
 * What metrics cost: {@code findById} of an entity without relationship fields on the raw client,
 * on the mapper without an observer, with {@link FalkorMetrics} meters, and with Observations
 * timed by Micrometer's meter handler, all in the same run on 5,000 nodes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsBenchmark {
    static final int PEOPLE = 5_000;
    private Server server;
    private FalkorOrm metered;
    private FalkorOrm observed;
    private Model.Flats plain;
    private Model.Flats withMeters;
    private Model.Flats withObservations;
    private final SplittableRandom random = new SplittableRandom(11);
    private final FalkorMetrics alone = FalkorMetrics.of(new SimpleMeterRegistry());
    private final dev.falkor.orm.spi.observe.StatementEvent event = new dev.falkor.orm.spi.observe.StatementEvent(
            "bench_metrics", dev.falkor.orm.spi.observe.StatementEvent.Kind.READ,
            "MATCH (n:Person) WHERE n.id = $id RETURN n");

    @Setup(Level.Trial)
    public void seed() {
        server = new Server("bench_metrics");
        server.write("UNWIND range(0, " + (PEOPLE - 1) + ") AS i CREATE (:Person {id: i, name: 'name' + toString(i), "
                + "age: i % 90, city: 'city' + toString(i % 50)})");
        plain = server.plainOrm.repository(Model.Flats.class);
        metered = FalkorOrm.builder().transport(server.orm.transport()).graph(server.graph).cache("none")
                .lookup(MethodHandles.lookup()).observer(FalkorMetrics.of(new SimpleMeterRegistry())).build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        observed = FalkorOrm.builder().transport(server.orm.transport()).graph(server.graph).cache("none")
                .lookup(MethodHandles.lookup()).observer(FalkorMetrics.builder().meterRegistry(meters)
                        .observationRegistry(observations).build()).build();
        withMeters = metered.repository(Model.Flats.class);
        withObservations = observed.repository(Model.Flats.class);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            metered.close();
            observed.close();
        } finally {
            server.close();
        }
    }

    private long id() {
        return random.nextLong(PEOPLE);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public Model.Row findByIdRaw() {
        List<Object> rows = Raw.rows(server.read("CYPHER id=" + id() + " MATCH (n:Person) WHERE n.id = $id RETURN n{.*}"));
        Map<String, Object> m = Raw.map((List<Object>) ((List<Object>) rows.get(0)).get(0));
        return new Model.Row((Long) m.get("id"), (String) m.get("name"), (Long) m.get("age"), (String) m.get("city"));
    }

    @Benchmark
    public Model.Flat findByIdNoObserver() {
        return plain.findById(id()).orElseThrow();
    }

    @Benchmark
    public Model.Flat findByIdMeters() {
        return withMeters.findById(id()).orElseThrow();
    }

    @Benchmark
    public Model.Flat findByIdObservations() {
        return withObservations.findById(id()).orElseThrow();
    }

    /** The observer's own work for one repository call of one statement, without the server: the CPU it adds. */
    @Benchmark
    public FalkorMetrics observeOneCallOfOneStatement() {
        dev.falkor.orm.spi.observe.InvocationObservation call = alone.invocationStarted(Model.Flats.class, "findById");
        alone.statementStarted(event).succeeded(1);
        call.succeeded();
        return alone;
    }
}
