package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.AuthenticationException;
import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.ConnectionException.Outcome;
import dev.falkor.orm.api.PoolExhaustedException;
import dev.falkor.orm.api.ResponseTimeoutException;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.value.IntegerValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * What a transport reports when the server cannot be reached, stalls or drops the connection:
 * whether the command was {@linkplain Outcome#NOT_SENT not sent} or its outcome is
 * {@linkplain Outcome#UNKNOWN unknown}, and that a query's timeout bounds the wait on the client
 * too. Runs against a dedicated embedded server (never the shared one), since the tests stall it
 * with {@code CLIENT PAUSE}. A provider module extends this class and returns its provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TransportFailureContract {
    private static final String SECRET = "s3cret-pw-never-shown";
    private static final String VALUE = "value-never-shown";

    private EmbeddedFalkorDB server;
    /** Pauses and unpauses the server (CLIENT PAUSE WRITE stalls only write commands, not this). */
    private Transport admin;
    private String graph;

    /** The provider under test. */
    protected abstract TransportProvider provider();

    @BeforeAll
    void startServer() {
        server = EmbeddedFalkorDB.start();
        admin = provider().create(config().poolSize(1).build());
        graph = TestGraphs.uniqueName(getClass());
        admin.execute(GraphQuery.write(graph, "RETURN 1"));
    }

    @AfterAll
    void stopServer() {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    /** Settings for the dedicated server. */
    protected TransportConfig.Builder config() {
        return TransportConfig.fromUrl(server.url()).toBuilder();
    }

    /**
     * Stalls every write command (GRAPH.QUERY) of the dedicated server for at most {@code max};
     * read-only commands, connection handshakes and {@code CLIENT UNPAUSE} still run.
     */
    private void pause(Duration max) {
        assertEquals("OK", String.valueOf(admin.command("CLIENT", "PAUSE", Long.toString(max.toMillis()), "WRITE")));
    }

    private void unpause() {
        admin.command("CLIENT", "UNPAUSE");
    }

    /** A GRAPH.QUERY, which a paused server stalls. */
    private GraphQuery ping() {
        return GraphQuery.write(graph, "RETURN 1");
    }

    private static GraphQuery secretWrite(String graph) {
        return GraphQuery.write(graph, "CREATE (:Secret {v: $v})", Map.of("v", VALUE));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static <T extends Throwable> T timed(Class<T> type, long maxMillis, Executable call) {
        long start = System.nanoTime();
        T e = assertThrows(type, call);
        long took = millisSince(start);
        assertTrue(took < maxMillis, "failed after " + took + " ms, expected well under " + maxMillis + " ms: " + e);
        return e;
    }

    private static void assertNoSecrets(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "password in message: " + t);
            assertFalse(String.valueOf(t.getMessage()).contains(VALUE), "parameter value in message: " + t);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionIsNotSent() throws IOException {
        int port = closedPort();
        TransportConfig config = TransportConfig.builder().host("127.0.0.1").port(port).username("app")
                .password(SECRET).build();
        try (Transport t = provider().create(config)) {
            ConnectionException e = timed(ConnectionException.class, 5_000, () -> t.execute(secretWrite("g")));
            assertEquals(Outcome.NOT_SENT, e.outcome());
            assertFalse(e instanceof AuthenticationException || e instanceof PoolExhaustedException
                    || e instanceof ResponseTimeoutException, "a plain connection failure: " + e);
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), "names the server: " + e.getMessage());
            assertTrue(e.getMessage().contains("nothing was applied"), e.getMessage());
            assertNoSecrets(e);
        }
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsNotSentAndBoundedByTheQueryTimeout() throws IOException {
        // Accepts TCP connections (in the backlog) but never reads: the handshake gets no reply.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            TransportConfig config = TransportConfig.builder().host("127.0.0.1").port(silent.getLocalPort())
                    .queryTimeoutGrace(Duration.ofMillis(300)).build(); // socket timeout: the default 10 s
            try (Transport t = provider().create(config)) {
                ConnectionException e = timed(ConnectionException.class, 4_000,
                        () -> t.execute(secretWrite("g").withTimeout(Duration.ofMillis(200))));
                assertEquals(Outcome.NOT_SENT, e.outcome(), e.getMessage());
                assertNoSecrets(e);
            }
        }
    }

    @Test
    void aReadTimeoutOnAStalledServerIsUnknown() {
        try (Transport t = provider().create(config().socketTimeout(Duration.ofMillis(300)).build())) {
            t.execute(ping()); // the pooled connection exists before the server stalls
            pause(Duration.ofSeconds(20));
            try {
                long start = System.nanoTime();
                ResponseTimeoutException e = timed(ResponseTimeoutException.class, 5_000,
                        () -> t.execute(secretWrite(graph)));
                assertTrue(millisSince(start) >= 250, "waited for the socket timeout");
                assertEquals(Outcome.UNKNOWN, e.outcome());
                assertEquals(Duration.ofMillis(300), e.timeout());
                assertTrue(e.getMessage().contains("may or may not have been applied"), e.getMessage());
                assertNoSecrets(e);
            } finally {
                unpause();
            }
            // the broken connection was dropped: the transport works again
            assertEquals(new IntegerValue(1), t.execute(ping()).scalar());
        }
    }

    @Test
    void aConnectionResetWhileWaitingIsUnknown() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (TcpProxy proxy = TcpProxy.plain(server.host(), server.port());
             Transport t = provider().create(config().port(proxy.port()).build())) {
            t.execute(ping());
            long sent = proxy.bytesFromClients();
            pause(Duration.ofSeconds(20));
            try {
                Future<?> call = caller.submit(() -> t.execute(secretWrite(graph)));
                proxy.awaitBytesFromClients(sent + 1, Duration.ofSeconds(10)); // the command is written
                proxy.cutConnections();
                ExecutionException wrapped = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
                ConnectionException e = assertInstanceOf(ConnectionException.class, wrapped.getCause());
                assertEquals(Outcome.UNKNOWN, e.outcome(), e.getMessage());
                assertFalse(e instanceof ResponseTimeoutException, "a reset, not a timeout: " + e);
                assertNoSecrets(e);
            } finally {
                unpause();
            }
            assertEquals(new IntegerValue(1), t.execute(ping()).scalar(), "a new connection replaces the reset one");
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void theQueryTimeoutBoundsTheWaitOnAStalledServer() {
        // socket timeout stays at its 10 s default: only the query's deadline can end the wait early
        TransportConfig config = config().queryTimeoutGrace(Duration.ofMillis(300)).build();
        try (Transport t = provider().create(config);
             Transport withDefault = provider().create(config.toBuilder()
                     .defaultQueryTimeout(Duration.ofMillis(200)).build())) {
            t.execute(ping());
            withDefault.execute(ping());
            pause(Duration.ofSeconds(30));
            try {
                ResponseTimeoutException e = timed(ResponseTimeoutException.class, 4_000,
                        () -> t.execute(secretWrite(graph).withTimeout(Duration.ofMillis(200))));
                assertEquals(Outcome.UNKNOWN, e.outcome());
                assertEquals(Duration.ofMillis(500), e.timeout());
                assertTrue(e.getMessage().contains("200 ms"), "names the query timeout: " + e.getMessage());
                assertNoSecrets(e);

                // the timed-out connection was dropped; a new one is bounded the same way
                ResponseTimeoutException again = timed(ResponseTimeoutException.class, 4_000,
                        () -> t.execute(ping().withTimeout(Duration.ofMillis(200))));
                assertEquals(Outcome.UNKNOWN, again.outcome(), again.getMessage());

                ResponseTimeoutException byDefault = timed(ResponseTimeoutException.class, 4_000,
                        () -> withDefault.execute(ping()));
                assertEquals(Duration.ofMillis(500), byDefault.timeout());
            } finally {
                unpause();
            }
            assertEquals(new IntegerValue(1), t.execute(ping()).scalar());
        }
    }

    @Test
    void aServerThatStopsReadingCannotHoldABigWritePastTheDeadline() throws Exception {
        // Socket timeouts only bound reads: a write blocks once the server stops reading and the
        // buffers are full. 16 MiB is more than a loopback socket buffers.
        String big = "x".repeat(16 << 20);
        try (TcpProxy proxy = TcpProxy.plain(server.host(), server.port());
             Transport t = provider().create(config().port(proxy.port())
                     .queryTimeoutGrace(Duration.ofMillis(300)).build())) {
            t.execute(ping());
            proxy.stallUploads(true);
            try {
                ResponseTimeoutException e = timed(ResponseTimeoutException.class, 5_000, () -> t.execute(
                        GraphQuery.write(graph, "RETURN size($big)", Map.of("big", big))
                                .withTimeout(Duration.ofMillis(200))));
                assertEquals(Outcome.NOT_SENT, e.outcome(), e.getMessage());
                assertFalse(e.getMessage().contains("xxxx"), "no parameter value in the message");
            } finally {
                proxy.stallUploads(false);
            }
            assertEquals(new IntegerValue(1), t.execute(ping()).scalar(), "a new connection replaces the cut one");
        }
    }

    @Test
    void aQueryTimeoutLongerThanTheSocketTimeoutIsWaitedForAndTheSocketTimeoutComesBack() {
        try (Transport t = provider().create(config().socketTimeout(Duration.ofMillis(300)).build())) {
            t.execute(ping());
            pause(Duration.ofMillis(1_000)); // ends by itself
            long start = System.nanoTime();
            assertEquals(new IntegerValue(1), t.execute(ping().withTimeout(Duration.ofSeconds(20))).scalar());
            long took = millisSince(start);
            assertTrue(took > 300, "the reply came after the pause, beyond the socket timeout: " + took + " ms");

            // the same connection is back at its socket timeout
            pause(Duration.ofSeconds(20));
            try {
                ResponseTimeoutException e = timed(ResponseTimeoutException.class, 5_000, () -> t.execute(ping()));
                assertEquals(Duration.ofMillis(300), e.timeout());
            } finally {
                unpause();
            }
        }
    }

    @Test
    void messagesNameTheServerNotTheCredentials() throws IOException {
        TransportConfig config = TransportConfig.builder().host("127.0.0.1").port(closedPort()).username("app")
                .password(SECRET).build();
        assertFalse(config.toString().contains(SECRET));
        assertNotNull(config.password());
        try (Transport t = provider().create(config)) {
            assertNoSecrets(assertThrows(ConnectionException.class, () -> t.listGraphs()));
            assertNoSecrets(assertThrows(ConnectionException.class, () -> t.deleteGraph("g")));
        }
    }

    /** Waits for a call closed under it: it must end, failing clearly or succeeding, never stay pending. */
    private static Throwable ended(java.util.concurrent.CompletableFuture<?> call, long maxMillis) throws Exception {
        try {
            call.get(maxMillis, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a call in flight when the transport was closed is still pending after "
                    + maxMillis + " ms");
        }
    }

    @Test
    void closingWithAsynchronousCallsInFlightEndsEachOfThemAndSendsNoQueuedOne() throws Exception {
        String g = graph + ":closing";
        // one connection (and on Jedis one thread): the calls behind the first wait on the client
        TransportConfig config = config().poolSize(1).socketTimeout(Duration.ofSeconds(2)).build();
        java.util.List<java.util.concurrent.CompletableFuture<?>> calls = new java.util.ArrayList<>();
        Transport t = provider().create(config);
        try {
            t.execute(GraphQuery.write(g, "RETURN 1")); // the graph exists, the connection is open
            pause(Duration.ofSeconds(20));
            try {
                for (int i = 0; i < 6; i++) {
                    calls.add(t.executeAsync(GraphQuery.write(g, "CREATE (:Closed {i: $i})", Map.of("i", i)))
                            .toCompletableFuture());
                }
            } finally {
                t.close();
            }
            java.util.Set<Long> notSent = new java.util.HashSet<>();
            for (int i = 0; i < calls.size(); i++) {
                Throwable e = ended(calls.get(i), 6_000);
                if (e != null) {
                    ConnectionException c = assertInstanceOf(ConnectionException.class, e, "call " + i + ": " + e);
                    assertTrue(c.getMessage() != null && !c.getMessage().isBlank(), c.toString());
                    if (c.outcome() == Outcome.NOT_SENT) {
                        notSent.add((long) i);
                    }
                }
            }
            unpause();
            for (var row : admin.execute(GraphQuery.read(g, "MATCH (c:Closed) RETURN c.i", Map.of())).rows()) {
                long i = ((IntegerValue) row.get(0)).value();
                assertFalse(notSent.contains(i), "call " + i + " was reported as not sent but was applied");
            }
        } finally {
            unpause();
            t.close();
        }
    }

    @Test
    void closingWhileAConnectionIsBeingSetUpFailsTheCallWaitingForIt() throws Exception {
        // accepts TCP connections (in the backlog) but never answers the handshake (AUTH)
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            TransportConfig config = TransportConfig.builder().host("127.0.0.1").port(silent.getLocalPort())
                    .username("app").password(SECRET).socketTimeout(Duration.ofSeconds(3)).build();
            Transport t = provider().create(config);
            java.util.concurrent.CompletableFuture<?> call;
            try {
                call = t.executeAsync(secretWrite("g")).toCompletableFuture();
            } finally {
                t.close();
            }
            long start = System.nanoTime();
            Throwable e = ended(call, 6_000);
            ConnectionException c = assertInstanceOf(ConnectionException.class, e, String.valueOf(e));
            assertEquals(Outcome.NOT_SENT, c.outcome(), c.getMessage());
            assertNoSecrets(c);
            assertTrue(millisSince(start) < 6_000);
        }
    }
}
