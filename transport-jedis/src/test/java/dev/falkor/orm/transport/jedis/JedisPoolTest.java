package dev.falkor.orm.transport.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConnectionException.Outcome;
import dev.falkor.orm.api.PoolExhaustedException;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Pool exhaustion and per-call socket timeouts, seen through the pool Jedis keeps. */
@SuppressWarnings("deprecation") // JedisPool, which the transport unwraps to
class JedisPoolTest {
    private final String graph = TestGraphs.uniqueName(getClass());

    private static Transport transport(TransportConfig.Builder config) {
        return new JedisTransportProvider().create(config.build());
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void anExhaustedPoolIsNotSentAndTellsItselfApartFromATimeout() {
        try (Transport t = transport(SharedServer.config().toBuilder().poolSize(1).poolWaitTimeout(Duration.ofMillis(200)))) {
            try (Jedis held = t.unwrap(JedisPool.class).getResource()) { // the only connection
                long start = System.nanoTime();
                PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> t.execute(
                        GraphQuery.write(graph, "CREATE (:Pooled {v: $v})", Map.of("v", "value-never-shown"))));
                long took = millisSince(start);
                assertTrue(took >= 150 && took < 5_000, "waited about the pool wait timeout: " + took + " ms");
                assertEquals(Outcome.NOT_SENT, e.outcome());
                assertEquals(1, e.poolSize());
                assertTrue(e.waited().toMillis() >= 150, "waited " + e.waited());
                assertTrue(e.getMessage().contains("pooled connections"), e.getMessage());
                assertFalse(e.getMessage().contains("value-never-shown"), e.getMessage());
                assertTrue(held.isConnected());
            }
            // released: the pool serves again, and the failed write never happened
            assertEquals(new IntegerValue(0), t.execute(GraphQuery.write(graph,
                    "MATCH (n:Pooled) RETURN count(n)")).scalar());
            t.deleteGraph(graph);
        }
    }

    @Test
    void aQueryDeadlineShortensThePoolWait() {
        // pool wait stays at its default (connect + socket timeout, 12 s)
        try (Transport t = transport(SharedServer.config().toBuilder().poolSize(1)
                .queryTimeoutGrace(Duration.ofMillis(200)))) {
            try (Jedis held = t.unwrap(JedisPool.class).getResource()) {
                long start = System.nanoTime();
                PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> t.execute(
                        GraphQuery.read(graph, "RETURN 1", Map.of()).withTimeout(Duration.ofMillis(100))));
                assertTrue(millisSince(start) < 3_000, "bounded by the query's deadline: " + e.waited());
                assertEquals(Outcome.NOT_SENT, e.outcome());
                assertTrue(held.isConnected());
            }
        }
    }

    @Test
    void theSocketTimeoutIsRestoredAfterACallWithItsOwnDeadline() {
        try (Transport t = transport(SharedServer.config().toBuilder().poolSize(1)
                .socketTimeout(Duration.ofMillis(4321)))) {
            assertEquals(new IntegerValue(1), t.execute(GraphQuery.write(graph, "RETURN 1")
                    .withTimeout(Duration.ofSeconds(30))).scalar());
            try (Jedis same = t.unwrap(JedisPool.class).getResource()) {
                assertEquals(4321, same.getConnection().getSoTimeout());
            }
            t.deleteGraph(graph);
        }
    }
}
