package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.value.IntegerValue;
import java.lang.invoke.MethodHandles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls in flight for real: the server of its own is paused ({@code CLIENT PAUSE ... WRITE}), so
 * replies to writes cannot come until it is unpaused, and what the calling side does meanwhile
 * is visible. On Lettuce no thread is parked per call; on Jedis the threads are bounded by the
 * pool. Cancelling a multi-statement call stops the statements not yet sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncInFlightTest {
    private static final int POOL = 4;

    interface Members extends AsyncRepository<Member, Long> {
    }

    private EmbeddedFalkorDB server;
    private Transport admin;

    @BeforeAll
    void start() {
        server = EmbeddedFalkorDB.start();
        admin = ScaleOutMapperTest.provider().create(TransportConfig.fromUrl(server.url()));
    }

    @AfterAll
    void stop() {
        try {
            admin.close();
        } finally {
            server.stop();
        }
    }

    private void pause() {
        admin.command("CLIENT", "PAUSE", "20000", "WRITE");
    }

    private void unpause() {
        admin.command("CLIENT", "UNPAUSE");
    }

    private long members(String graph) {
        return ((IntegerValue) admin.execute(GraphQuery.read(graph, "MATCH (m:Member) RETURN count(m)", Map.of()))
                .scalar()).value();
    }

    private static Member member(long n) {
        return new Member(n, "m" + n, 30, true, 1.5, "Cork", List.of(), LocalDate.of(2020, 1, 1));
    }

    private FalkorOrm orm(Transport t, String graph, int batchSize) {
        return FalkorOrm.builder().transport(t).graph(graph).lookup(MethodHandles.lookup()).batchSize(batchSize)
                .entities(Member.class).build();
    }

    @Test
    void manyCallsInFlightParkNoThreadPerCall() throws Exception {
        String provider = ScaleOutMapperTest.provider().name();
        try (Transport t = ScaleOutMapperTest.provider().create(TransportConfig.fromUrl(server.url()).toBuilder()
                .poolSize(POOL).build()); FalkorOrm orm = orm(t, "inflight", 1000)) {
            Members members = orm.asyncRepository(Members.class);
            members.save(member(0)).get(30, TimeUnit.SECONDS); // schema and connections are in place
            int threadsBefore = Thread.getAllStackTraces().size();
            int calls = 200;
            List<CompletableFuture<Member>> inFlight = new ArrayList<>();
            pause();
            try {
                for (int i = 1; i <= calls; i++) {
                    inFlight.add(members.save(member(i)));
                }
                int threadsDuring = Thread.getAllStackTraces().size();
                assertTrue(inFlight.stream().noneMatch(CompletableFuture::isDone),
                        "every call returned at once, none is answered while the server is paused");
                int grown = threadsDuring - threadsBefore;
                if (provider.equals("lettuce")) {
                    assertTrue(grown <= 4, calls + " calls in flight on Lettuce started " + grown + " threads");
                } else {
                    assertTrue(grown <= POOL, calls + " calls in flight on Jedis started " + grown
                            + " threads, more than its pool of " + POOL);
                }
            } finally {
                unpause();
            }
            CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            assertEquals(calls + 1, members("inflight"), "every call was applied once, read back");
        }
    }

    @Test
    void cancellingAMultiStatementCallStopsTheStatementsNotYetSent() throws Exception {
        // counts the writes the mapper sends, and tells when the mapper has seen a write's reply
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.LinkedBlockingQueue<Integer> handled = new java.util.concurrent.LinkedBlockingQueue<>();
        try (Transport t = ScaleOutMapperTest.provider().create(TransportConfig.fromUrl(server.url()));
             FalkorOrm orm = FalkorOrm.builder().transport(t).graph("cancel").lookup(MethodHandles.lookup())
                     .batchSize(1000).entities(Member.class)
                     .decorateExecutor(next -> new dev.falkor.orm.core.internal.exec.Executor.Forwarding(next) {
                         @Override
                         public java.util.concurrent.CompletionStage<dev.falkor.orm.spi.QueryResult> executeAsync(
                                 GraphQuery query) {
                             if (query.readOnly()) {
                                 return next.executeAsync(query);
                             }
                             int n = writes.incrementAndGet();
                             CompletableFuture<dev.falkor.orm.spi.QueryResult> mine = new CompletableFuture<>();
                             next.executeAsync(query).whenComplete((r, e) -> {
                                 if (e != null) {
                                     mine.completeExceptionally(e);
                                 } else {
                                     mine.complete(r); // runs the mapper's continuation, which sends the next one or not
                                 }
                                 handled.add(n);
                             });
                             return mine;
                         }
                     }).build()) {
            Members members = orm.asyncRepository(Members.class);
            members.save(member(-1)).get(30, TimeUnit.SECONDS);
            assertEquals(1, handled.poll(30, TimeUnit.SECONDS));
            List<Member> many = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                many.add(member(i));
            }
            CompletableFuture<List<Member>> call;
            pause();
            try {
                call = members.saveAll(many); // three statements of 1000; the first waits on the paused server
                assertTrue(call.cancel(true));
            } finally {
                unpause();
            }
            assertTrue(call.isCancelled());
            // the statement already sent runs to its end, and the mapper, told so, sends nothing more
            assertEquals(2, handled.poll(30, TimeUnit.SECONDS), "the first batch was answered");
            assertEquals(2, writes.get(), "the later two batches were never sent");
            assertEquals(1001, members("cancel"), "read back: the first batch applied, nothing else");
        }
    }
}
