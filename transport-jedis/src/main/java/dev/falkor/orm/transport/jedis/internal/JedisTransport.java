package dev.falkor.orm.transport.jedis.internal;

import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.ConnectionException.Outcome;
import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.api.PoolExhaustedException;
import dev.falkor.orm.api.ResponseTimeoutException;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.wire.ConnectionFailures;
import dev.falkor.orm.spi.wire.ServerErrorReply;
import dev.falkor.orm.spi.wire.ServerErrors;
import dev.falkor.orm.spi.wire.WireCodec;
import dev.falkor.orm.spi.wire.WireTransport;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisFactory;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import dev.falkor.orm.api.ConfigurationException;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Moves bytes with a {@link JedisPool}; all FalkorDB logic lives in {@link WireTransport}.
 * RESP2 is forced so the reply shape does not depend on the server's default protocol.
 *
 * <p>Each call goes through three phases, and a failure is reported by the phase it happened in:
 * getting a connection (pool wait, connect, TLS handshake, authentication: the command was
 * {@linkplain Outcome#NOT_SENT not sent}), writing the command (not sent either: the server only
 * runs a command it has received completely), and reading the reply (outcome
 * {@linkplain Outcome#UNKNOWN unknown}).
 *
 * <p>A query with a timeout gets a client-side deadline of timeout + grace: the pool wait, the
 * handshake of a new connection and the socket read timeout are all bounded by what is left of
 * it, and the connection's socket timeout is restored afterwards. A watchdog thread closes the
 * connection of a call still blocked shortly after its deadline (a write to a server that stopped
 * reading has no timeout of its own). A connection dropped after a failure is not replaced on the
 * failing call's thread.
 */
// JedisPool and the ssl/sslSocketFactory/sslParameters builder methods are deprecated in Jedis 8
// (in favour of RedisClient and SslOptions); SslOptions cannot take an SSLContext, which
// TransportConfig.sslContext needs.
@SuppressWarnings("deprecation")
final class JedisTransport extends WireTransport {
    /** What the call this thread is making tells the connection factory. */
    private static final ThreadLocal<CallState> CALL = ThreadLocal.withInitial(CallState::new);

    private static final class CallState {
        /** The call's deadline (System.nanoTime), or 0: bounds the handshake of a new connection. */
        long deadline;
        /** Dropping a broken connection: the pool must not replace it on this thread (see release). */
        boolean dropping;
    }

    /** Extra time after a call's deadline before the watchdog cuts a connection stuck in a write. */
    private static final long WATCHDOG_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** The pool of a single server or of the Sentinel-named primary; null for a cluster. */
    private final Pool<Jedis> pool;
    /** The cluster's per-node pools and slot map; null unless the configuration is a cluster. */
    private final ClusterConnectionProvider cluster;
    /** How often a command follows a MOVED/ASK redirection before giving up. */
    private static final int MAX_REDIRECTIONS = 5;
    private final int socketTimeoutMillis;
    /**
     * Cuts the connection of a call with a deadline that is still blocked past it: socket reads
     * time out by themselves, but a write to a server that stopped reading blocks without limit.
     */
    private final ScheduledThreadPoolExecutor watchdog;

    JedisTransport(TransportConfig config) {
        super(config);
        this.socketTimeoutMillis = millis(config.socketTimeout());
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .resp2()
                .connectionTimeoutMillis(millis(config.connectTimeout()))
                .socketTimeoutMillis(socketTimeoutMillis)
                .ssl(config.ssl())
                .clientName("falkor-orm");
        if (config.ssl()) {
            if (config.sslContext() != null) {
                client.sslSocketFactory(config.sslContext().getSocketFactory());
            }
            SSLParameters parameters = new SSLParameters();
            // JSSE checks the certificate's subject alternative names against the host (RFC 2818),
            // during the handshake; null turns the check off.
            parameters.setEndpointIdentificationAlgorithm(config.verifyHostname() ? "HTTPS" : null);
            client.sslParameters(parameters);
        }
        if (config.username() != null) {
            client.user(config.username());
        }
        if (config.password() != null) {
            client.password(config.password());
        }
        JedisClientConfig clientConfig = client.build();
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(config.poolSize());
        poolConfig.setMaxIdle(config.poolSize());
        poolConfig.setMinIdle(0);
        poolConfig.setJmxEnabled(false);
        poolConfig.setMaxWait(config.poolWaitTimeout());
        this.waitFor = WireCodec.waitArguments(config);
        if (config.readFrom() != TransportConfig.ReadFrom.PRIMARY) {
            throw new ConfigurationException("The Jedis transport sends every query to the primary; readFrom("
                    + config.readFrom() + ") needs the Lettuce transport (falkor-orm-transport-lettuce)");
        }
        HostAndPort address = new HostAndPort(config.host(), config.port());
        Factory factory = new Factory(new DeadlineSocketFactory(address, clientConfig), clientConfig);
        switch (config.mode()) {
            case SENTINEL -> {
                Set<HostAndPort> sentinels = new LinkedHashSet<>();
                config.nodes().forEach(a -> sentinels.add(new HostAndPort(a.host(), a.port())));
                // the Sentinels are reached without the data nodes' credentials and TLS
                JedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder().resp2()
                        .connectionTimeoutMillis(millis(config.connectTimeout()))
                        .socketTimeoutMillis(socketTimeoutMillis).build();
                this.pool = new JedisSentinelPool(config.sentinelMaster(), sentinels, poolConfig, factory, sentinelConfig);
                this.cluster = null;
            }
            case CLUSTER -> {
                Set<HostAndPort> seeds = new LinkedHashSet<>();
                config.nodes().forEach(a -> seeds.add(new HostAndPort(a.host(), a.port())));
                GenericObjectPoolConfig<Connection> nodePools = new GenericObjectPoolConfig<>();
                nodePools.setMaxTotal(config.poolSize());
                nodePools.setMaxIdle(config.poolSize());
                nodePools.setMinIdle(0);
                nodePools.setJmxEnabled(false);
                nodePools.setMaxWait(config.poolWaitTimeout());
                try {
                    this.cluster = new ClusterConnectionProvider(seeds, clientConfig, nodePools);
                } catch (JedisException e) {
                    throw new ConnectionException("Cannot read the cluster's slots from its seed nodes " + seeds + ": "
                            + describe(e), Outcome.NOT_SENT, e);
                }
                this.pool = null;
            }
            default -> {
                // REPLICATED with readFrom PRIMARY: the primary serves everything
                this.pool = new JedisPool(poolConfig, factory);
                this.cluster = null;
            }
        }
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "falkor-orm-jedis-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    @Override
    protected Object send(String command, List<String> arguments) {
        // raw commands: WireTransport has checked their arguments (WireCodec.checkCommand)
        return WireCodec.plainReply(call(command, arguments, null, WireCodec.timeoutOf(command, arguments)));
    }

    /**
     * An encoded query: the codec checked it already, its timeout is the client-side deadline,
     * and the reply goes to the decoder as Jedis made it ({@code byte[]} strings), uncopied.
     */
    @Override
    protected Object send(WireCodec.Command command) {
        if (WireCodec.waitsAfter(command, waitFor)) {
            return sendWaiting(command);
        }
        // the graph name is what messages need of the arguments; the text is sent as encoded
        return call(command.name(), List.of(command.graph()), command.argumentBytes(), command.timeout());
    }

    /** How many asynchronous calls may wait for a thread, per pooled connection. */
    static final int ASYNC_QUEUE_PER_CONNECTION = 64;

    private final Object asyncLock = new Object();
    private java.util.concurrent.ThreadPoolExecutor async; // guarded by asyncLock; made on first use

    /**
     * Jedis blocks a thread per call, so an asynchronous call runs on this transport's own
     * bounded executor: {@code poolSize} daemon threads ({@code falkor-orm-jedis-async-N}, one per
     * pooled connection, so none waits for a connection another holds) and a queue of
     * {@value #ASYNC_QUEUE_PER_CONNECTION} calls per thread. A call beyond that fails at once with
     * {@link PoolExhaustedException}, not sent.
     */
    @Override
    protected java.util.concurrent.CompletionStage<Object> sendAsync(WireCodec.Command command) {
        AsyncCall call = new AsyncCall(command);
        try {
            asyncExecutor().execute(call);
            return call.out;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (closed) {
                return java.util.concurrent.CompletableFuture.failedFuture(closedBeforeSending(command, e));
            }
            int waiting = config().poolSize() * ASYNC_QUEUE_PER_CONNECTION;
            return java.util.concurrent.CompletableFuture.failedFuture(new PoolExhaustedException("All "
                    + config().poolSize() + " asynchronous threads of the Jedis transport to FalkorDB at " + config()
                    + " are busy and " + waiting + " calls are waiting; " + command.name() + " was not sent. Raise "
                    + "poolSize, or use the Lettuce transport, which does not hold a thread per call",
                    Duration.ZERO, config().poolSize(), e));
        }
    }

    /**
     * An asynchronous call waiting for (or running on) a thread of the executor; one still queued
     * when the transport closes is failed, not sent ({@link #close}), so no future stays pending.
     */
    private final class AsyncCall implements Runnable {
        final WireCodec.Command command;
        final java.util.concurrent.CompletableFuture<Object> out = new java.util.concurrent.CompletableFuture<>();

        AsyncCall(WireCodec.Command command) {
            this.command = command;
        }

        @Override
        public void run() {
            if (out.isDone()) {
                return;
            }
            try {
                out.complete(send(command));
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        }
    }

    private ConnectionException closedBeforeSending(WireCodec.Command command, Throwable cause) {
        return new ConnectionException("The transport to FalkorDB at " + config() + " was closed; " + command.name()
                + " was not sent", Outcome.NOT_SENT, cause);
    }

    private java.util.concurrent.Executor asyncExecutor() {
        synchronized (asyncLock) {
            if (async == null) {
                if (closed) {
                    throw new java.util.concurrent.RejectedExecutionException("closed");
                }
                java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
                async = new java.util.concurrent.ThreadPoolExecutor(config().poolSize(), config().poolSize(),
                        30, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(
                        config().poolSize() * ASYNC_QUEUE_PER_CONNECTION), r -> {
                            Thread t = new Thread(r, "falkor-orm-jedis-async-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                async.allowCoreThreadTimeOut(true);
            }
            return async;
        }
    }

    private volatile boolean closed;

    /** A command written right behind another on the same connection; its reply is read after the first's. */
    private record FollowUp(String name, byte[][] args) {
    }

    /** {@code WAIT}'s arguments after each write ({@code readYourWrites}), or null. */
    private byte[][] waitFor;

    /**
     * With {@code readYourWrites}, a write is followed on the same connection by {@code WAIT}, and
     * acknowledged once the replicas have it (or the wait timed out): a failover then keeps it.
     */
    private Object sendWaiting(WireCodec.Command command) {
        Object[] replies = new Object[2];
        call(command.name(), List.of(command.graph()), command.argumentBytes(), command.timeout(),
                new FollowUp("WAIT", waitFor), replies);
        return replies[0];
    }

    /** The query and its name lookup in one round trip: both written, then both replies read. */
    @Override
    protected Object[] sendPipelined(WireCodec.Command command, WireCodec.Command followUp) {
        if (WireCodec.waitsAfter(command, waitFor)) {
            // a write is followed by its WAIT (readYourWrites): no names behind it, they are looked up after
            return new Object[] {sendWaiting(command), null};
        }
        Object[] replies = new Object[2];
        call(command.name(), List.of(command.graph()), command.argumentBytes(), command.timeout(),
                new FollowUp(followUp.name(), followUp.argumentBytes()), replies);
        return replies;
    }

    private Object call(String command, List<String> arguments, byte[][] bytes, Duration queryTimeout) {
        return call(command, arguments, bytes, queryTimeout, null, null);
    }

    private Object call(String command, List<String> arguments, byte[][] bytes, Duration queryTimeout,
                        FollowUp followUp, Object[] replies) {
        Duration replyTimeout = config().replyTimeout(queryTimeout);
        long deadline = queryTimeout == null ? 0 : System.nanoTime() + replyTimeout.toNanos();

        if (cluster != null) {
            return clusterCall(command, arguments, bytes, queryTimeout, replyTimeout, deadline, followUp, replies);
        }
        Jedis jedis = borrow(command, arguments, deadline);
        try {
            return exchange(jedis.getConnection(), command, arguments, bytes, queryTimeout, replyTimeout, deadline,
                    followUp, replies);
        } finally {
            release(jedis);
        }
    }

    /**
     * A call on a cluster: the connection of the shard owning the graph's slot (any node for a
     * command without a graph), following MOVED/ASK redirections after a slot moved.
     */
    private Object clusterCall(String command, List<String> arguments, byte[][] bytes, Duration queryTimeout,
                               Duration replyTimeout, long deadline, FollowUp followUp, Object[] replies) {
        String graph = WireCodec.graphOf(command, arguments);
        for (int redirections = 0; ; redirections++) {
            long start = System.nanoTime();
            Connection connection;
            try {
                connection = graph == null ? cluster.getConnection()
                        : cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(graph));
            } catch (RuntimeException e) {
                throw notSent(command, arguments, e, start);
            }
            try {
                return exchange(connection, command, arguments, bytes, queryTimeout, replyTimeout, deadline, followUp,
                        replies);
            } catch (ServerErrorReply e) {
                if (!(e.getCause() instanceof JedisRedirectionException) || redirections >= MAX_REDIRECTIONS) {
                    throw e;
                }
                cluster.renewSlotCache(connection); // the slot moved: learn where, and send there
            } finally {
                connection.close(); // back to its node's pool (dropped if broken)
            }
        }
    }

    /** On a cluster, every primary lists only its own graphs: all of them are asked. */
    @Override
    public List<String> listGraphs() {
        if (cluster == null) {
            return super.listGraphs();
        }
        List<String> out = new ArrayList<>();
        for (var node : cluster.getPrimaryNodes().entrySet()) {
            long start = System.nanoTime();
            Connection connection;
            try {
                connection = node.getValue().getResource();
            } catch (RuntimeException e) {
                throw notSent("GRAPH.LIST", List.of(), e, start);
            }
            try {
                Object reply = WireCodec.plainReply(exchange(connection, "GRAPH.LIST", List.of(), null, null,
                        config().socketTimeout(), 0, null, null));
                if (reply instanceof List<?> names) {
                    names.forEach(n -> out.add(String.valueOf(n)));
                }
            } catch (ServerErrorReply e) {
                throw ServerErrors.translate(e.getMessage(), null, "GRAPH.LIST", List.of(), e);
            } finally {
                connection.close();
            }
        }
        return out;
    }

    /** Writes the command and reads its reply on a borrowed connection. */
    private Object exchange(Connection connection, String command, List<String> arguments, byte[][] bytes,
                            Duration queryTimeout, Duration replyTimeout, long deadline,
                            FollowUp followUp, Object[] replies) {
        byte[][] args = bytes;
        if (args == null) {
            args = new byte[arguments.size()][];
            for (int i = 0; i < args.length; i++) {
                args[i] = arguments.get(i).getBytes(StandardCharsets.UTF_8);
            }
        }
        byte[] name = command.getBytes(StandardCharsets.US_ASCII);
        ProtocolCommand cmd = () -> name;
        Watch watch = deadline == 0 ? null : new Watch(connection);
        if (watch != null) {
            try {
                watch.future = watchdog.schedule(watch, deadline - System.nanoTime() + WATCHDOG_MARGIN_NANOS,
                        TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                throw new ConnectionException("The transport to FalkorDB at " + config() + " is closed",
                        Outcome.NOT_SENT, e);
            }
        }
        try {
            try {
                connection.sendCommand(arguments(cmd, args));
                if (followUp != null) {
                    byte[] followName = followUp.name().getBytes(StandardCharsets.US_ASCII);
                    connection.sendCommand(arguments(() -> followName, followUp.args()));
                }
                connection.getMany(0); // flushes without reading: a failure up to here left the command unsent
            } catch (JedisConnectionException e) {
                if (watch != null && watch.cut) {
                    throw new ResponseTimeoutException("FalkorDB at " + config() + " did not take " + command
                            + " within " + replyTimeout.toMillis() + " ms (query timeout " + queryTimeout.toMillis()
                            + " ms + grace " + config().queryTimeoutGrace().toMillis() + " ms); the server is not "
                            + "reading and the command was not sent completely", Outcome.NOT_SENT, replyTimeout, e);
                }
                throw new ConnectionException("Cannot send " + command + " to FalkorDB at " + config() + ": "
                        + describe(e), Outcome.NOT_SENT, e);
            }
            int readTimeout = deadline == 0 ? socketTimeoutMillis : remainingMillis(deadline);
            if (readTimeout != connection.getSoTimeout()) {
                connection.setSoTimeout(readTimeout);
            }
            Object reply;
            try {
                reply = connection.getOne();
                if (followUp != null) {
                    replies[0] = reply;
                    replies[1] = followUpReply(connection);
                }
            } catch (JedisAccessControlException e) {
                if (followUp != null) {
                    followUpReply(connection); // keep the connection in step before reporting
                }
                if (ServerErrors.isAuthenticationError(e.getMessage())) {
                    throw ServerErrors.authentication(e.getMessage(), config(), e);
                }
                throw new ServerErrorReply(e.getMessage(), e); // NOPERM: typed by ServerErrors
            } catch (JedisDataException e) {
                if (followUp != null) {
                    followUpReply(connection);
                }
                throw new ServerErrorReply(e.getMessage(), e);
            } catch (JedisConnectionException e) {
                if (hasCause(e, SocketTimeoutException.class) || (watch != null && watch.cut)) {
                    throw new ResponseTimeoutException("No reply to " + command + " from FalkorDB at " + config()
                            + " within " + replyTimeout.toMillis() + " ms" + (queryTimeout == null
                            ? " (socket timeout)" : " (query timeout " + queryTimeout.toMillis() + " ms + grace "
                            + config().queryTimeoutGrace().toMillis() + " ms)"), Outcome.UNKNOWN, replyTimeout, e);
                }
                throw new ConnectionException("Connection to FalkorDB at " + config() + " failed while waiting for the "
                        + "reply to " + command + ": " + describe(e), Outcome.UNKNOWN, e);
            }
            return reply;
        } catch (FalkorOrmException | ServerErrorReply e) {
            throw e;
        } catch (RuntimeException e) {
            connection.setBroken();
            throw new ConnectionException("Jedis failed running " + command + " on FalkorDB at " + config() + ": "
                    + describe(e), Outcome.UNKNOWN, e);
        } finally {
            if (watch != null) {
                watch.disarm();
            }
        }
    }

    /** Reads the follow-up's reply; a server error comes back as a value, not thrown. */
    private static Object followUpReply(Connection connection) {
        try {
            return connection.getOne();
        } catch (JedisDataException e) {
            return new ServerErrorReply(e.getMessage(), e);
        }
    }

    /** The watchdog's task for one call: closes the connection if the call is still running. */
    private static final class Watch implements Runnable {
        private final Connection connection;
        volatile boolean cut;
        volatile ScheduledFuture<?> future;

        Watch(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            cut = true;
            connection.setBroken();
            try {
                connection.forceDisconnect(); // a blocked write or read fails at once
            } catch (java.io.IOException | RuntimeException ignored) {
                // the connection is dropped either way
            }
        }

        /** Stops the watch; if it already fired, waits for it so the connection is seen as broken. */
        void disarm() {
            ScheduledFuture<?> f = future;
            if (f != null && !f.cancel(false)) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                    // nothing to wait for
                }
                connection.setBroken();
            }
        }
    }

    /** Gets a pooled connection (creating one if needed) within the pool wait and the call's deadline. */
    private Jedis borrow(String command, List<String> arguments, long deadline) {
        Duration wait = config().poolWaitTimeout();
        if (deadline != 0) {
            wait = Duration.ofMillis(Math.min(wait.toMillis(), remainingMillis(deadline)));
        }
        CallState current = CALL.get();
        current.deadline = deadline;
        long start = System.nanoTime();
        try {
            return pool.borrowObject(wait);
        } catch (NoSuchElementException e) {
            if (e.getCause() != null) {
                throw notSent(command, arguments, e.getCause(), start);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            throw new PoolExhaustedException("All " + config().poolSize() + " pooled connections to FalkorDB at "
                    + config() + " stayed busy for " + waited.toMillis() + " ms; " + command + " was not sent. "
                    + "Raise poolSize, or shorten the queries holding connections", waited, config().poolSize(), e);
        } catch (IllegalStateException e) {
            throw new ConnectionException("The transport to FalkorDB at " + config() + " is closed", Outcome.NOT_SENT, e);
        } catch (Exception e) {
            throw notSent(command, arguments, e, start);
        } finally {
            current.deadline = 0;
        }
    }

    /** A failure to set up a connection: the command was not sent. */
    private RuntimeException notSent(String command, List<String> arguments, Throwable e, long startNanos) {
        if (e instanceof JedisAccessControlException) {
            if (ServerErrors.isAuthenticationError(e.getMessage())) {
                return ServerErrors.authentication(e.getMessage(), config(), e);
            }
            // NOPERM during the handshake
            return ServerErrors.translate(e.getMessage(), WireCodec.graphOf(command, arguments), command, List.of(), e);
        }
        SSLException ssl = cause(e, SSLException.class);
        if (ssl != null) {
            return ConnectionFailures.tlsFailure(ssl, e, config());
        }
        if (hasCause(e, SocketTimeoutException.class) && isHandshakeTimeout(e)) {
            Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
            return new ResponseTimeoutException("FalkorDB at " + config() + " did not complete the connection "
                    + "handshake within " + waited.toMillis() + " ms; " + command + " was not sent"
                    + (config().ssl() ? ". TLS is on: if port " + config().port() + " does not speak TLS, use redis://"
                    : ""), Outcome.NOT_SENT, waited, e);
        }
        return new ConnectionException("Cannot connect to FalkorDB at " + config() + ": " + describe(e),
                Outcome.NOT_SENT, e);
    }

    /** A socket timeout while reading a handshake reply (rather than while connecting). */
    private static boolean isHandshakeTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase().contains("read")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the connection to the pool, or drops it if broken. commons-pool replaces a dropped
     * connection at once, on the dropping thread; against a stalled server that would hold the
     * failed call for a whole connect + handshake, so the replacement is refused here and the next
     * call that needs a connection makes one.
     */
    private void release(Jedis jedis) {
        Connection connection = jedis.getConnection();
        CallState state = CALL.get();
        state.dropping = true;
        try {
            if (!connection.isBroken() && connection.getSoTimeout() != socketTimeoutMillis) {
                connection.setSoTimeout(socketTimeoutMillis); // marks the connection broken if it fails
            }
            if (connection.isBroken()) {
                pool.returnBrokenResource(jedis);
            } else {
                pool.returnResource(jedis);
            }
        } catch (RuntimeException e) {
            // the refused replacement, or a connection that could not be returned: it is gone either
            // way, and the reply (or error) of the call stands
            if (!connection.isBroken()) {
                connection.setBroken();
                try {
                    pool.returnBrokenResource(jedis);
                } catch (RuntimeException ignored) {
                    connection.close();
                }
            }
        } finally {
            state.dropping = false;
        }
    }

    /** Jedis' factory, except that it does not replace a dropped connection on the dropping thread. */
    private static final class Factory extends JedisFactory {
        Factory(DeadlineSocketFactory sockets, JedisClientConfig config) {
            super(sockets, config);
        }

        @Override
        public PooledObject<Jedis> makeObject() throws Exception {
            if (CALL.get().dropping) {
                throw new JedisException("not replacing a dropped connection now");
            }
            return super.makeObject();
        }
    }


    private static int remainingMillis(long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left)); // 0 would mean "wait forever"
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return ConnectionFailures.cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        return ConnectionFailures.cause(e, type);
    }

    private static String describe(Throwable e) {
        return ConnectionFailures.describe(e);
    }

    /** The pool's figures; empty in cluster mode, where each shard has a pool of its own. */
    @Override
    public java.util.Optional<dev.falkor.orm.spi.PoolStatistics> poolStatistics() {
        if (pool == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new dev.falkor.orm.spi.PoolStatistics(pool.getNumActive(), pool.getNumIdle(),
                pool.getNumWaiters(), pool.getMaxTotal()));
    }

    @Override
    public String providerName() {
        return "jedis";
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (cluster != null && type.isInstance(cluster)) {
            return type.cast(cluster);
        }
        if (pool != null && type.isInstance(pool)) {
            return type.cast(pool);
        }
        return super.unwrap(type);
    }

    @Override
    public void close() {
        synchronized (asyncLock) {
            closed = true;
            if (async != null) {
                // the calls still queued were never sent: fail them rather than leave them pending
                for (Runnable queued : async.shutdownNow()) {
                    if (queued instanceof AsyncCall call) {
                        call.out.completeExceptionally(closedBeforeSending(call.command, null));
                    }
                }
            }
        }
        watchdog.shutdownNow();
        if (pool != null) {
            pool.close();
        } else {
            cluster.close();
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /**
     * Jedis' socket factory, with the read timeout of a new connection cut to what is left of the
     * deadline of the call creating it, so a stalled server cannot hold the handshake for the whole
     * socket timeout. The call restores the configured timeout when it returns the connection.
     */
    private static final class DeadlineSocketFactory extends DefaultJedisSocketFactory {
        DeadlineSocketFactory(HostAndPort address, JedisClientConfig config) {
            super(address, config);
        }

        @Override
        public Socket createSocket() {
            Socket socket = super.createSocket();
            long deadline = CALL.get().deadline;
            if (deadline != 0) {
                try {
                    socket.setSoTimeout(Math.min(socket.getSoTimeout() == 0 ? Integer.MAX_VALUE : socket.getSoTimeout(),
                            remainingMillis(deadline)));
                } catch (SocketException e) {
                    try {
                        socket.close();
                    } catch (java.io.IOException ignored) {
                        // already failing
                    }
                    throw new JedisConnectionException("Cannot set the socket timeout", e);
                }
            }
            return socket;
        }
    }

    /**
     * The command with its arguments as {@link Rawable}s over our own arrays: Jedis copies every
     * {@code byte[]} argument it is given, and a batch statement's text is hundreds of kilobytes.
     */
    private static CommandArguments arguments(ProtocolCommand cmd, byte[][] args) {
        CommandArguments out = new CommandArguments(cmd);
        for (byte[] a : args) {
            out.add((Rawable) () -> a);
        }
        return out;
    }
}
