package dev.falkor.orm.bench;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.TransportConfig;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * {@value #IN_FLIGHT} {@code findById} calls in flight at once: asynchronously from one thread
 * (Lettuce: one multiplexed connection, no thread per call; Jedis: its bounded executor) against
 * the same calls made blocking on a pool of {@value #THREADS} threads (Jedis with a pool of as
 * many connections, the usual way; and Lettuce). One operation is the whole batch of calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AsyncBenchmark {
    static final int IN_FLIGHT = 100;
    static final int THREADS = 16;
    static final int ROWS = 5_000;

    private EmbeddedFalkorDB embedded;
    private FalkorOrm jedis;
    private FalkorOrm lettuce;
    /** Lettuce spreading calls over four multiplexed connections. */
    private FalkorOrm lettuce4;
    private Model.AsyncFlats lettuce4Async;
    private Model.Flats jedisFlats;
    private Model.Flats lettuceFlats;
    private Model.AsyncFlats jedisAsync;
    private Model.AsyncFlats lettuceAsync;
    private ExecutorService threads;
    private final SplittableRandom random = new SplittableRandom(11);

    @Setup(Level.Trial)
    public void seed() {
        String external = System.getenv("FALKORDB_URL");
        embedded = external == null || external.isBlank() ? EmbeddedFalkorDB.start() : null;
        String url = embedded != null ? embedded.url() : external;
        TransportConfig config = TransportConfig.fromUrl(url).toBuilder().poolSize(THREADS).build();
        jedis = FalkorOrm.builder().transportProvider("jedis").transportConfig(config).graph("bench_async").cache("none")
                .lookup(MethodHandles.lookup()).build();
        lettuce = FalkorOrm.builder().transportProvider("lettuce").transportConfig(config).graph("bench_async").cache("none")
                .lookup(MethodHandles.lookup()).build();
        lettuce4 = FalkorOrm.builder().transportProvider("lettuce").transportConfig(config.toBuilder().connections(4)
                .build()).graph("bench_async").cache("none").lookup(MethodHandles.lookup()).build();
        jedis.transport().deleteGraph("bench_async");
        jedis.query("UNWIND range(0, " + (ROWS - 1) + ") AS i CREATE (:Person {id: i, name: 'name' + toString(i), "
                + "age: i % 90, city: 'city' + toString(i % 50)})").write().execute();
        jedisFlats = jedis.repository(Model.Flats.class);
        lettuceFlats = lettuce.repository(Model.Flats.class);
        jedisAsync = jedis.asyncRepository(Model.AsyncFlats.class);
        lettuceAsync = lettuce.asyncRepository(Model.AsyncFlats.class);
        lettuce4Async = lettuce4.asyncRepository(Model.AsyncFlats.class);
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @TearDown(Level.Trial)
    public void close() {
        threads.shutdownNow();
        try {
            jedis.transport().deleteGraph("bench_async");
        } finally {
            lettuce.close();
            lettuce4.close();
            jedis.close();
            if (embedded != null) {
                embedded.stop();
            }
        }
    }

    private long id() {
        return random.nextLong(ROWS);
    }

    private static int await(List<CompletableFuture<Optional<Model.Flat>>> calls) {
        int found = 0;
        for (CompletableFuture<Optional<Model.Flat>> c : calls) {
            found += c.join().isPresent() ? 1 : 0;
        }
        return found;
    }

    private int onThreads(Model.Flats flats) throws Exception {
        List<Future<Optional<Model.Flat>>> calls = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            long id = id();
            calls.add(threads.submit(() -> flats.findById(id)));
        }
        int found = 0;
        for (Future<Optional<Model.Flat>> c : calls) {
            found += c.get().isPresent() ? 1 : 0;
        }
        return found;
    }

    private int async(Model.AsyncFlats flats) {
        List<CompletableFuture<Optional<Model.Flat>>> calls = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(flats.findById(id()));
        }
        return await(calls);
    }

    /** The baseline: blocking calls on {@value #THREADS} threads over Jedis' pool. */
    @Benchmark
    public int inFlight100JedisThreadPool() throws Exception {
        return onThreads(jedisFlats);
    }

    @Benchmark
    public int inFlight100LettuceThreadPool() throws Exception {
        return onThreads(lettuceFlats);
    }

    @Benchmark
    public int inFlight100LettuceAsync() {
        return async(lettuceAsync);
    }

    @Benchmark
    public int inFlight100Lettuce4ConnectionsAsync() {
        return async(lettuce4Async);
    }

    @Benchmark
    public int inFlight100JedisAsync() {
        return async(jedisAsync);
    }
}
