package dev.falkor.orm.bench;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Cacheable;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.TransportConfig;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;
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
 * The result cache: {@code findById} and a 100-row derived query, uncached against cached in
 * Caffeine (this JVM) and in Redis (Redisson, on the same server as the graph), on 1,000 ids
 * (every key cached after the warm-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheBenchmark {
    static final int ROWS = 5_000;
    static final int HOT = 1_000;

    /** The same nodes as {@link Model.Flat}, cached. */
    @Cacheable(ttl = "PT1H")
    @Node("Person")
    public static class CachedPerson {
        @Id Long id;
        String name;
        int age;
        String city;

        public CachedPerson() {
        }
    }

    public interface Cached extends Repository<CachedPerson, Long> {
        @Cacheable(ttl = "PT1H")
        List<CachedPerson> findByCityOrderByIdAsc(String city);
    }

    public interface Uncached extends Repository<Model.Flat, Long> {
        List<Model.Flat> findByCityOrderByIdAsc(String city);
    }

    private EmbeddedFalkorDB embedded;
    private FalkorOrm plain;
    private FalkorOrm caffeine;
    private FalkorOrm redis;
    private Uncached uncached;
    private Cached inCaffeine;
    private Cached inRedis;
    private final SplittableRandom random = new SplittableRandom(5);

    @Setup(Level.Trial)
    public void seed() {
        String external = System.getenv("FALKORDB_URL");
        embedded = external == null || external.isBlank() ? EmbeddedFalkorDB.start() : null;
        TransportConfig config = TransportConfig.fromUrl(embedded != null ? embedded.url() : external);
        plain = FalkorOrm.builder().transportProvider("jedis").transportConfig(config).graph("bench_cache")
                .cache("none").lookup(MethodHandles.lookup()).build();
        caffeine = FalkorOrm.builder().transportProvider("jedis").transportConfig(config).graph("bench_cache")
                .cache("caffeine").lookup(MethodHandles.lookup()).build();
        redis = FalkorOrm.builder().transportProvider("jedis").transportConfig(config).graph("bench_cache")
                .cache("redis").lookup(MethodHandles.lookup()).build();
        plain.transport().deleteGraph("bench_cache");
        redis.resultCache().orElseThrow().clear();
        // 50 cities: 100 people each
        plain.query("UNWIND range(0, " + (ROWS - 1) + ") AS i CREATE (:Person {id: i, name: 'name' + toString(i), "
                + "age: i % 90, city: 'city' + toString(i % 50)})").write().execute();
        uncached = plain.repository(Uncached.class);
        inCaffeine = caffeine.repository(Cached.class);
        inRedis = redis.repository(Cached.class);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            redis.resultCache().orElseThrow().clear();
            plain.transport().deleteGraph("bench_cache");
        } finally {
            redis.close();
            caffeine.close();
            plain.close();
            if (embedded != null) {
                embedded.stop();
            }
        }
    }

    private long id() {
        return random.nextLong(HOT);
    }

    private String city() {
        return "city" + random.nextInt(50);
    }

    @Benchmark
    public Optional<Model.Flat> findByIdUncached() {
        return uncached.findById(id());
    }

    @Benchmark
    public Optional<CachedPerson> findByIdCaffeine() {
        return inCaffeine.findById(id());
    }

    @Benchmark
    public Optional<CachedPerson> findByIdRedis() {
        return inRedis.findById(id());
    }

    @Benchmark
    public List<Model.Flat> query100Uncached() {
        return uncached.findByCityOrderByIdAsc(city());
    }

    @Benchmark
    public List<CachedPerson> query100Caffeine() {
        return inCaffeine.findByCityOrderByIdAsc(city());
    }

    @Benchmark
    public List<CachedPerson> query100Redis() {
        return inRedis.findByCityOrderByIdAsc(city());
    }
}
