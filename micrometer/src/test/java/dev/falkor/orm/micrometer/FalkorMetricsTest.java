package dev.falkor.orm.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.api.QuerySyntaxException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Cacheable;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.ForwardingTransport;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.observe.OrmObserver;
import dev.falkor.orm.spi.observe.StatementEvent;
import dev.falkor.orm.spi.observe.StatementObservation;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.GraphTest;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters and Observations a user gets, on the real server. Statement counts are checked
 * against a witness at the transport (every call the mapper makes to it), rows and writes
 * against the graph read back with plain Cypher.
 */
class FalkorMetricsTest extends GraphTest {

    @Node("MItem")
    public static class Item {
        @Id Long id;
        String name;

        Item() {
        }

        Item(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Cacheable
    @Node("MCached")
    public static class Cached {
        @Id Long id;
        String name;

        Cached() {
        }

        Cached(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    public interface Items extends Repository<Item, Long> {
        List<Item> findByName(String name);

        @Query("MATCH (i:MItem) RETURN i ORDER BY i.id")
        List<Item> all();

        @Query(value = "MATCH (i:MItem) SET i.name = $name RETURN", write = true)
        void broken(String name);
    }

    public interface AsyncItems extends AsyncRepository<Item, Long> {
    }

    public interface CachedItems extends Repository<Cached, Long> {
    }

    private SimpleMeterRegistry meters;
    private final AtomicInteger sent = new AtomicInteger();
    private FalkorOrm orm;

    private FalkorOrm.Builder mapper(OrmObserver observer) {
        ForwardingTransport witness = new ForwardingTransport(transport) {
            @Override
            public QueryResult execute(GraphQuery query) {
                sent.incrementAndGet();
                return super.execute(query);
            }

            @Override
            public java.util.concurrent.CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                sent.incrementAndGet();
                return super.executeAsync(query);
            }
        };
        return FalkorOrm.builder().transport(witness).graph(graph).lookup(MethodHandles.lookup()).observer(observer)
                .cache("none");
    }

    @BeforeEach
    void open() {
        // one graph per class (GraphTest): each test starts from an empty graph and a fresh registry
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        meters = new SimpleMeterRegistry();
        orm = mapper(FalkorMetrics.of(meters)).build();
    }

    @AfterEach
    void close() {
        if (orm != null) {
            orm.close();
        }
    }

    private double statements(String kind, String outcome) {
        return meters.find(FalkorMetrics.STATEMENTS).tag("graph", graph).tag("kind", kind).tag("outcome", outcome)
                .timers().stream().mapToLong(Timer::count).sum();
    }

    private long invocations(String method, String outcome) {
        Timer t = meters.find(FalkorMetrics.INVOCATIONS).tag("method", method).tag("outcome", outcome).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void everyStatementSentIsTimedByKindAndItsRowsCounted() {
        Items items = orm.repository(Items.class);
        sent.set(0);
        double readsBefore = statements("read", "success");
        double writesBefore = statements("write", "success");
        items.saveAll(List.of(new Item(1, "a"), new Item(2, "b"), new Item(3, "b")));
        assertEquals(2, items.findByName("b").size());
        assertEquals(3, items.all().size());
        assertTrue(items.findById(1L).isPresent());
        double reads = statements("read", "success") - readsBefore;
        double writes = statements("write", "success") - writesBefore;
        assertEquals(sent.get(), reads + writes, "every statement the transport was given is timed once");
        assertTrue(writes >= 1 && reads >= 3, "reads " + reads + ", writes " + writes);
        assertEquals(3L, ((IntegerValue) cypher("MATCH (i:MItem) RETURN count(i)", Map.of()).scalar()).value());
        var rows = meters.find(FalkorMetrics.ROWS).tag("graph", graph).tag("kind", "read").summary();
        assertNotNull(rows);
        assertTrue(rows.totalAmount() >= 2 + 3 + 1, "rows of the three reads: " + rows.totalAmount());
        assertTrue(meters.find(FalkorMetrics.STATEMENTS).tag("kind", "read").timer().totalTime(
                java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    }

    @Test
    void repositoryCallsAreTimedByMethodAndOutcome() {
        Items items = orm.repository(Items.class);
        items.save(new Item(1, "a"));
        items.findByName("a");
        items.findByName("z");
        assertEquals(1, invocations("save", "success"));
        assertEquals(2, invocations("findByName", "success"));
        Timer t = meters.find(FalkorMetrics.INVOCATIONS).tag("method", "findByName").timer();
        assertEquals("Items", t.getId().getTag("repository"));
        assertThrows(QuerySyntaxException.class, () -> items.broken("x"));
        assertEquals(1, invocations("broken", "error"));
        assertEquals("QuerySyntaxException", meters.find(FalkorMetrics.INVOCATIONS).tag("method", "broken")
                .timer().getId().getTag("error"));
        assertEquals("a", cypher("MATCH (i:MItem {id: 1}) RETURN i.name", Map.of()).scalar().asJava(),
                "the failed write changed nothing");
    }

    @Test
    void failedStatementsAreCountedByErrorClass() {
        orm.repository(Items.class); // registers the entity first: those statements succeed
        assertThrows(QuerySyntaxException.class, () -> orm.query("MATCH (n RETURN n").list(Item.class));
        assertEquals(1, statements("read", "error") + statements("write", "error"));
        double errors = meters.find(FalkorMetrics.ERRORS).tag("graph", graph).tag("error", "QuerySyntaxException")
                .counters().stream().mapToDouble(c -> c.count()).sum();
        assertEquals(1.0, errors);
    }

    @Test
    void anAsyncCallIsTimedWhenItsFutureCompletes() throws Exception {
        // the timer stops in a stage depending on the call's future, which may run just after
        // get() returns: the test waits for that event (bounded), not for time
        FalkorMetrics metrics = FalkorMetrics.of(meters);
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(2);
        orm.close();
        orm = mapper(new OrmObserver() {
            @Override
            public StatementObservation statementStarted(StatementEvent statement) {
                return metrics.statementStarted(statement);
            }

            @Override
            public dev.falkor.orm.spi.observe.InvocationObservation invocationStarted(Class<?> repository, String method) {
                var inner = metrics.invocationStarted(repository, method);
                return new dev.falkor.orm.spi.observe.InvocationObservation() {
                    @Override
                    public void succeeded() {
                        inner.succeeded();
                        ended.countDown();
                    }

                    @Override
                    public void failed(Throwable error) {
                        inner.failed(error);
                        ended.countDown();
                    }
                };
            }
        }).build();
        AsyncItems items = orm.asyncRepository(AsyncItems.class);
        items.save(new Item(7, "async")).toCompletableFuture().get();
        Optional<Item> found = items.findById(7L).toCompletableFuture().get();
        assertTrue(found.isPresent());
        assertTrue(ended.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, invocations("save", "success"));
        assertEquals(1, invocations("findById", "success"));
        assertEquals("AsyncItems", meters.find(FalkorMetrics.INVOCATIONS).tag("method", "save").timer().getId()
                .getTag("repository"));
        assertEquals(1L, ((IntegerValue) cypher("MATCH (i:MItem {id: 7}) RETURN count(i)", Map.of()).scalar()).value());
    }

    @Test
    void poolGaugesFollowTheTransportAndGoWithTheMapper() {
        Gauge max = meters.find(FalkorMetrics.POOL + ".max").tag("graph", graph).gauge();
        assertNotNull(max, "the Jedis transport has a pool");
        assertEquals(transport.poolStatistics().orElseThrow().max(), max.value());
        assertEquals(0.0, meters.find(FalkorMetrics.POOL + ".active").tag("graph", graph).gauge().value(),
                "no connection is lent out between calls");
        orm.close();
        orm = null;
        assertNull(meters.find(FalkorMetrics.POOL + ".max").tag("graph", graph).gauge(), "removed on close");
    }

    @Test
    void cacheHitsAndMissesAreCountedAndAHitSendsNoStatement() {
        orm.close();
        orm = mapper(FalkorMetrics.of(meters)).cache("caffeine").build();
        CachedItems cached = orm.repository(CachedItems.class);
        cached.save(new Cached(1, "c"));
        sent.set(0);
        double reads = statements("read", "success");
        assertEquals("c", cached.findById(1L).orElseThrow().name);
        assertEquals("c", cached.findById(1L).orElseThrow().name);
        FunctionCounter hits = meters.find(FalkorMetrics.CACHE + ".gets").tag("graph", graph).tag("result", "hit")
                .functionCounter();
        FunctionCounter misses = meters.find(FalkorMetrics.CACHE + ".gets").tag("graph", graph).tag("result", "miss")
                .functionCounter();
        assertEquals(1.0, hits.count());
        assertEquals(1.0, misses.count());
        assertEquals(1, sent.get(), "the hit sent nothing");
        assertEquals(1.0, statements("read", "success") - reads);
    }

    @Test
    void observationsNestTheStatementsOfARepositoryCallAndCarryNoValues() {
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        orm.close();
        orm = mapper(FalkorMetrics.builder().meterRegistry(meters).observationRegistry(observations).build()).build();
        Items items = orm.repository(Items.class);
        stopped.clear();
        items.findByName("secret-value-42");
        Observation.Context call = stopped.stream().filter(c -> c.getName().equals(FalkorMetrics.INVOCATION_OBSERVATION))
                .findFirst().orElseThrow();
        assertEquals("Items.findByName", call.getContextualName());
        assertEquals("findByName", call.getLowCardinalityKeyValue("falkor.method").getValue());
        List<Observation.Context> statements = stopped.stream()
                .filter(c -> c.getName().equals(FalkorMetrics.STATEMENT_OBSERVATION)).toList();
        assertFalse(statements.isEmpty());
        for (Observation.Context s : statements) {
            assertSame(call, s.getParentObservation().getContextView(), "a child of the repository call");
            assertEquals("read", s.getLowCardinalityKeyValue("falkor.kind").getValue());
            String cypher = s.getHighCardinalityKeyValue("db.statement").getValue();
            assertTrue(cypher.contains("MItem"), cypher);
            assertFalse(cypher.contains("secret-value-42"), "values travel as parameters: " + cypher);
        }
        assertNull(meters.find(FalkorMetrics.STATEMENTS).tag("graph", graph).tag("kind", "read").timer(),
                "with Observations the timers are the registry's handlers' to make");
    }

    @Test
    void aReadOfAGraphNotCreatedYetIsAnEmptyResultNotAnError() {
        orm.close();
        String fresh = graph + "_fresh";
        transport.deleteGraph(fresh);
        meters = new SimpleMeterRegistry();
        try (FalkorOrm other = FalkorOrm.builder().transport(transport).graph(fresh).lookup(MethodHandles.lookup())
                .observer(FalkorMetrics.of(meters)).cache("none").build()) {
            Items items = other.repository(Items.class); // its start-up reads meet no graph
            assertTrue(items.findById(1L).isEmpty());
            assertTrue(meters.find(FalkorMetrics.ERRORS).counters().isEmpty(), "no error counted");
            assertEquals(0, meters.find(FalkorMetrics.STATEMENTS).tag("outcome", "error").timers().size());
            assertTrue(meters.find(FalkorMetrics.STATEMENTS).tag("kind", "read").tag("outcome", "success").timer()
                    .count() >= 1);
        } finally {
            transport.deleteGraph(fresh);
            orm = null;
        }
    }

    @Test
    void anObserverThatThrowsNeverFailsTheCall() {
        orm.close();
        orm = mapper(new OrmObserver() {
            @Override
            public StatementObservation statementStarted(StatementEvent statement) {
                throw new IllegalStateException("observer down");
            }
        }).build();
        Items items = orm.repository(Items.class);
        items.save(new Item(9, "kept"));
        assertEquals("kept", items.findById(9L).orElseThrow().name);
        assertEquals("kept", cypher("MATCH (i:MItem {id: 9}) RETURN i.name", Map.of()).scalar().asJava());
    }
}
