package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.cache.CacheStatistics;
import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.cache.ResultCacheConfig;
import dev.falkor.orm.spi.cache.ResultCacheProvider;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.DateTimeValue;
import dev.falkor.orm.spi.value.DateValue;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.DurationValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.PathValue;
import dev.falkor.orm.spi.value.PointValue;
import dev.falkor.orm.spi.value.RelationshipValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.value.TimeValue;
import dev.falkor.orm.spi.value.VectorValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every result cache must do, written once: results come back exactly; an invalidated
 * region's results are never returned again, even those stored after the invalidation with a
 * stamp taken before it; unknown regions on either side invalidate broadly; entries expire by
 * the injected clock; statistics count; and, for caches shared between JVMs, an invalidation by
 * one instance is seen by another at once.
 */
public abstract class ResultCacheContract {
    private static final Duration TTL = Duration.ofMinutes(5);

    protected abstract ResultCacheProvider provider();

    /** The configuration to create caches with (a Redis cache adds where its Redis is). */
    protected ResultCacheConfig config() {
        return ResultCacheConfig.defaults();
    }

    /** Whether two caches created from the same configuration share entries and versions (other JVMs). */
    protected boolean shared() {
        return false;
    }

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    protected ResultCache cache;
    private final String graph = TestGraphs.uniqueName(getClass());

    @BeforeEach
    void open() {
        cache = provider().create(config().withClock(clock).withKeyPrefix("falkor-orm-test:" + graph + ":"));
        cache.clear();
    }

    @AfterEach
    void close() {
        cache.clear();
        cache.close();
    }

    private static QueryResult result(long n) {
        return new QueryResult(List.of("n"), List.of(List.of(new IntegerValue(n))), QueryStatistics.EMPTY);
    }

    private static long valueOf(QueryResult r) {
        return ((IntegerValue) r.scalar()).value();
    }

    private void store(String key, long value, Set<String> regions) {
        cache.put(graph, key, result(value), cache.stamp(graph, regions), TTL);
    }

    @Test
    void everyValueKindComesBackExactly() {
        NodeValue a = new NodeValue(1, List.of("Person", "Admin"), Map.of("name", new StringValue("Ann"),
                "score", new DoubleValue(0.1 + 0.2)));
        NodeValue b = new NodeValue(2, List.of("Person"), Map.of());
        RelationshipValue knows = new RelationshipValue(7, "KNOWS", 1, 2, Map.of("since", new IntegerValue(2020)));
        List<GraphValue> row = List.of(NullValue.INSTANCE, new BooleanValue(true), new IntegerValue(Long.MIN_VALUE),
                new DoubleValue(Double.longBitsToDouble(0x7ff8000000000001L)), new DoubleValue(-0.0),
                new StringValue("ü\u0000\uD83D\uDE00" + "x".repeat(70_000)),
                new ListValue(List.of(new IntegerValue(1), new ListValue(List.of()))),
                new MapValue(Map.of("k", new StringValue("v"))), new PointValue(52.5, 13.4),
                new VectorValue(new float[] {1.5f, -0f}), a, knows, new PathValue(List.of(a, b), List.of(knows)),
                new DateTimeValue(LocalDateTime.of(2026, 12, 1, 10, 30, 0, 123_000_000)),
                new DateValue(LocalDate.of(1815, 12, 10)), new TimeValue(LocalTime.of(23, 59, 59, 999)),
                new DurationValue(Duration.ofSeconds(90061, 5)));
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            columns.add("c" + i);
        }
        QueryResult r = new QueryResult(columns, List.of(row, row), new QueryStatistics(Map.of("Cached execution", "1")));
        cache.put(graph, "all", r, cache.stamp(graph, Set.of("Person", "KNOWS")), TTL);
        QueryResult back = cache.get(graph, "all");
        assertNotNull(back);
        assertEquals(columns, back.columns());
        assertEquals(2, back.rows().size());
        for (int i = 0; i < row.size(); i++) {
            GraphValue expected = row.get(i);
            GraphValue got = back.rows().get(1).get(i);
            if (expected instanceof VectorValue v) {
                assertTrue(java.util.Arrays.equals(v.values(), ((VectorValue) got).values()), "column " + i);
            } else if (expected instanceof DoubleValue d) {
                assertEquals(Double.doubleToRawLongBits(d.value()), Double.doubleToRawLongBits(((DoubleValue) got).value()),
                        "column " + i + " bit for bit");
            } else if (expected instanceof PathValue || expected instanceof NodeValue) {
                assertEquals(expected.toString(), got.toString(), "column " + i);
            } else {
                assertEquals(expected, got, "column " + i);
            }
        }
        assertEquals("1", back.statistics().values().get("Cached execution"));
    }

    @Test
    void anInvalidatedRegionsResultsAreNeverReturnedAgain() {
        store("people", 1, Set.of("Person"));
        store("cities", 2, Set.of("City"));
        store("friends", 3, Set.of("Person", "KNOWS"));
        assertEquals(1, valueOf(cache.get(graph, "people")));
        cache.invalidate(graph, Set.of("KNOWS"));
        assertNull(cache.get(graph, "friends"), "depends on KNOWS");
        assertEquals(1, valueOf(cache.get(graph, "people")), "does not depend on KNOWS");
        cache.invalidate(graph, Set.of("Person"));
        assertNull(cache.get(graph, "people"));
        assertEquals(2, valueOf(cache.get(graph, "cities")));
        assertNull(cache.get("another-graph", "cities"), "keys are per graph");
    }

    @Test
    void aResultReadBeforeAWriteIsRefusedEvenIfStoredAfterIt() {
        ResultCache.Stamp before = cache.stamp(graph, Set.of("Person"));
        cache.invalidate(graph, Set.of("Person")); // the write completed while the read was under way
        cache.put(graph, "people", result(1), before, TTL);
        assertNull(cache.get(graph, "people"), "stored with a stamp older than the write");
        store("people", 2, Set.of("Person"));
        assertEquals(2, valueOf(cache.get(graph, "people")), "a read after the write is cached");
    }

    @Test
    void unknownRegionsInvalidateBroadly() {
        store("known", 1, Set.of("Person"));
        store("unknown", 2, null); // a custom read: depends on anything
        cache.invalidate(graph, Set.of("City"));
        assertEquals(1, valueOf(cache.get(graph, "known")));
        assertNull(cache.get(graph, "unknown"), "any write invalidates a read of unknown regions");
        store("unknown", 2, null);
        cache.invalidate(graph, null); // a custom write: may have changed anything
        assertNull(cache.get(graph, "known"));
        assertNull(cache.get(graph, "unknown"));
        cache.invalidate("another-graph", null);
        store("known", 3, Set.of("Person"));
        assertEquals(3, valueOf(cache.get(graph, "known")), "another graph's writes do not matter");
    }

    @Test
    void entriesExpireByTheInjectedClock() {
        cache.put(graph, "short", result(1), cache.stamp(graph, Set.of("Person")), Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertEquals(1, valueOf(cache.get(graph, "short")));
        clock.advance(Duration.ofSeconds(1));
        assertNull(cache.get(graph, "short"), "expired at its time to live");
    }

    @Test
    void statisticsCountWhatHappened() {
        store("a", 1, Set.of("Person"));
        cache.get(graph, "a");
        cache.get(graph, "missing");
        cache.invalidate(graph, Set.of("Person"));
        cache.get(graph, "a");
        CacheStatistics s = cache.statistics();
        assertEquals(1, s.hits());
        assertEquals(2, s.misses());
        assertEquals(1, s.stale());
        assertEquals(1, s.puts());
        assertEquals(1, s.invalidations());
        assertEquals(1.0 / 3, s.hitRate(), 1e-9);
        cache.clear();
        store("b", 1, Set.of("Person"));
        cache.clear();
        assertNull(cache.get(graph, "b"));
    }

    @Test
    void anotherInstanceSeesEntriesAndInvalidationsAtOnce() {
        if (!shared()) {
            return; // an in-JVM cache: nothing to share
        }
        try (ResultCache other = provider().create(config().withClock(clock)
                .withKeyPrefix("falkor-orm-test:" + graph + ":"))) {
            store("people", 1, Set.of("Person"));
            assertEquals(1, valueOf(other.get(graph, "people")), "stored by one instance, read by the other");
            other.invalidate(graph, Set.of("Person"));
            assertNull(cache.get(graph, "people"), "invalidated by the other instance");
        }
    }

    /**
     * A stand-in database (a counter) behind the cache, written and read from several threads:
     * no read returns a value older than the last write acknowledged before the read began.
     */
    @Test
    void concurrentReadsNeverSeeAValueOlderThanAnAcknowledgedWrite() throws Exception {
        AtomicLong database = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    long v = database.incrementAndGet();       // the write is applied
                    cache.invalidate(graph, Set.of("Counter")); // then invalidated
                    acknowledged.set(v);                        // then acknowledged
                }
                return 0;
            }));
            for (int t = 0; t < 3; t++) {
                tasks.add(pool.submit(() -> {
                    int stale = 0;
                    for (int i = 0; i < 4_000; i++) {
                        long floor = acknowledged.get();
                        QueryResult hit = cache.get(graph, "counter");
                        long seen;
                        if (hit != null) {
                            seen = valueOf(hit);
                        } else {
                            ResultCache.Stamp stamp = cache.stamp(graph, Set.of("Counter"));
                            seen = database.get(); // the read runs
                            cache.put(graph, "counter", result(seen), stamp, TTL);
                        }
                        if (seen < floor) {
                            stale++;
                        }
                    }
                    return stale;
                }));
            }
            int stale = 0;
            for (Future<Integer> f : tasks) {
                stale += f.get();
            }
            assertEquals(0, stale, "stale reads");
            assertTrue(cache.statistics().hits() > 0, "the cache was used: " + cache.statistics());
        } finally {
            pool.shutdownNow();
        }
    }
}
