package dev.falkor.orm.transport.lettuce.internal;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.ConnectionException.Outcome;
import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.api.ResponseTimeoutException;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.wire.ConnectionFailures;
import dev.falkor.orm.spi.wire.ServerErrorReply;
import dev.falkor.orm.spi.wire.ServerErrors;
import dev.falkor.orm.spi.wire.WireCodec;
import dev.falkor.orm.spi.wire.WireTransport;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.Timeout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Moves bytes with Lettuce; all FalkorDB logic lives in {@link WireTransport}. One multiplexed
 * connection (per server of the topology) carries every call, from every thread: commands are
 * written back to back and their replies matched in order, so no thread waits for a free
 * connection and none is parked while a reply is on its way ({@link #sendAsync}).
 *
 * <p><b>RESP2</b> is forced, as in the Jedis transport: FalkorDB's compact replies are RESP2
 * arrays, and with both transports on RESP2 the shared decoder gets the same reply tree from
 * either; the handshake needs no {@code HELLO} (so older servers and proxies work), and nothing
 * here uses RESP3's push messages.
 *
 * <p>The connection is opened on first use, not at creation, and replaced on the next call after
 * it failed. Lettuce's own reconnect is off: it would re-send commands that were in flight when
 * a connection dropped (at-least-once), which for a write means applying it twice.
 *
 * <p>Each call has a deadline: the socket timeout, or a query's timeout plus the grace. A call
 * past it fails with {@link ResponseTimeoutException}: while connecting or while its bytes were
 * still being written, nothing was run (not sent; a half-written command is cut off with its
 * connection, so the rest never arrives); once written, the outcome is unknown, and the
 * connection stays (its late reply is read and dropped, keeping the replies in step).
 */
final class LettuceTransport extends WireTransport {
    private final ClientResources resources;
    private final Topology topology;

    LettuceTransport(TransportConfig config) {
        super(config);
        if (config.ssl() && config.sslContext() != null && config.trustManagerFactory() == null) {
            throw new ConfigurationException("The Lettuce transport builds its TLS context with Netty and cannot use "
                    + "an SSLContext given with sslContext(...); configure trustStore(...) or trustedCertificates(...) "
                    + "instead, or use the Jedis transport");
        }
        this.resources = ClientResources.builder().nettyCustomizer(WriteTracker.CUSTOMIZER).build();
        this.topology = Topology.of(config, resources);
        this.waitFor = WireCodec.waitArguments(config);
    }

    /** {@code WAIT}'s arguments after each write ({@code readYourWrites}), or null. */
    private final byte[][] waitFor;

    /** Applies the shared options to a (standalone or cluster) options builder. */
    static <B extends ClientOptions.Builder> B options(B b, TransportConfig config) {
        b.protocolVersion(ProtocolVersion.RESP2)
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                // our own deadlines (see send): Lettuce's would not know a command's outcome
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                // GRAPH.RO_QUERY is the only read a replica accepts: what read routing may send there
                .readOnlyCommands(command -> "GRAPH.RO_QUERY".equals(command.getType().toString()));
        if (config.ssl() && config.trustManagerFactory() != null) {
            b.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(config.trustManagerFactory()).build());
        }
        return b;
    }

    // ---- sending

    @Override
    protected Object send(String command, List<String> arguments) {
        byte[][] args = new byte[arguments.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = arguments.get(i).getBytes(StandardCharsets.UTF_8);
        }
        boolean keyed = WireCodec.graphOf(command, arguments) != null;
        return WireCodec.plainReply(await(call(command, args, keyed, WireCodec.timeoutOf(command, arguments), null, null)));
    }

    @Override
    protected Object send(WireCodec.Command command) {
        return await(sendAsync(command));
    }

    /** Both commands written back to back on the same connection, then both replies awaited. */
    @Override
    protected Object[] sendPipelined(WireCodec.Command command, WireCodec.Command followUp) {
        if (WireCodec.waitsAfter(command, waitFor)) {
            // a write is followed by its WAIT (readYourWrites): no names behind it, they are looked up after
            return new Object[] {send(command), null};
        }
        CompletableFuture<Object> second = new CompletableFuture<>();
        CompletableFuture<Object> first = call(command.name(), command.argumentBytes(), true, command.timeout(),
                new FollowUp(followUp.name(), followUp.argumentBytes(), true, second), null);
        Object reply = await(first);
        Object names;
        try {
            names = await(second);
        } catch (ServerErrorReply e) {
            names = e;
        }
        return new Object[] {reply, names};
    }

    /**
     * Sends without blocking. With {@code readYourWrites}, a write is followed on the same
     * connection by {@code WAIT}, and acknowledged once the replicas have it (or the wait timed out).
     */
    @Override
    protected CompletableFuture<Object> sendAsync(WireCodec.Command command) {
        if (!WireCodec.waitsAfter(command, waitFor)) {
            return call(command.name(), command.argumentBytes(), true, command.timeout(), null, null);
        }
        CompletableFuture<Object> waited = new CompletableFuture<>();
        CompletableFuture<Object> reply = call(command.name(), command.argumentBytes(), true, command.timeout(),
                new FollowUp("WAIT", waitFor, false, waited), null);
        return reply.thenCombine(waited.exceptionally(e -> null), (r, w) -> r);
    }

    /** A command sent right behind another, on the same connection, completing {@code reply}. */
    private record FollowUp(String name, byte[][] args, boolean keyed, CompletableFuture<Object> reply) {
    }

    /**
     * Sends one command (and a follow-up behind it) without blocking: connects if needed, then
     * dispatches; the returned stage fails with the exceptions {@link #send(WireCodec.Command)}
     * throws.
     */
    private CompletableFuture<Object> call(String name, byte[][] args, boolean keyed, Duration queryTimeout,
                                           FollowUp followUp,
                                           CompletableFuture<StatefulConnection<byte[], byte[]>> via) {
        Duration replyTimeout = config().replyTimeout(queryTimeout);
        CompletableFuture<Object> out = new CompletableFuture<>();
        Call call = new Call(name, queryTimeout, replyTimeout, out);
        Timeout timer;
        try {
            timer = resources.timer().newTimeout(t -> call.expire(), replyTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(closed(e));
        }
        if (followUp == null) {
            out.whenComplete((r, e) -> timer.cancel());
        } else {
            // the deadline covers the follow-up too: a connection stalling after the first reply must
            // not leave the names lookup or the WAIT behind it waiting forever
            call.followUp = followUp.reply();
            out.handle((r, e) -> null).thenCombine(followUp.reply().handle((r, e) -> null), (a, b) -> null)
                    .whenComplete((r, e) -> timer.cancel());
        }
        if (followUp != null) {
            out.whenComplete((r, e) -> {
                if (e != null) {
                    followUp.reply().completeExceptionally(e);
                }
            });
        }
        CompletableFuture<StatefulConnection<byte[], byte[]>> connection;
        try {
            connection = via != null ? via : topology.connection();
        } catch (RuntimeException e) {
            out.completeExceptionally(closed(e));
            return out;
        }
        dispatch(call, connection, args, keyed, followUp, via == null);
        return out;
    }

    /**
     * Sends the call's command (and follow-up) once the connection is there. A command that
     * failed with its connection before a byte of it was written (the connection had just been
     * closed, by the server or after another call's failure) is sent once more on a new
     * connection, when {@code mayRetry}: the server cannot have seen it.
     */
    private void dispatch(Call call, CompletableFuture<StatefulConnection<byte[], byte[]>> connection, byte[][] args,
                          boolean keyed, FollowUp followUp, boolean mayRetry) {
        CompletableFuture<Object> out = call.out;
        connection.whenComplete((c, error) -> {
            if (error != null) {
                out.completeExceptionally(notSent(call.name, unwrap(error)));
                return;
            }
            if (out.isDone()) {
                return; // the deadline passed while connecting
            }
            GraphCommand command = GraphCommand.of(call.name, args, keyed);
            AsyncCommand<byte[], byte[], Object> sent = new AsyncCommand<>(command);
            call.dispatched(c, command);
            if (followUp != null) {
                GraphCommand next = GraphCommand.of(followUp.name(), followUp.args(), followUp.keyed());
                AsyncCommand<byte[], byte[], Object> sentNext = new AsyncCommand<>(next);
                c.dispatch(List.of(sent, sentNext));
                sentNext.whenComplete((r, e) -> {
                    if (e == null) {
                        followUp.reply().complete(r);
                    } else {
                        // reported only if the command before it succeeded; else the call's failure
                        // (or its retry) decides
                        sent.whenComplete((r2, e2) -> {
                            if (e2 == null) {
                                followUp.reply().completeExceptionally(failure(call, next, unwrap(e)));
                            }
                        });
                    }
                });
            } else {
                c.dispatch(sent);
            }
            sent.whenComplete((r, e) -> {
                if (e == null) {
                    out.complete(r);
                    return;
                }
                Throwable cause = unwrap(e);
                if (mayRetry && !command.written() && !out.isDone() && !(cause instanceof RedisCommandExecutionException)
                        && !(cause instanceof CancellationException)) {
                    topology.discard(c);
                    CompletableFuture<StatefulConnection<byte[], byte[]>> again;
                    try {
                        again = topology.connection();
                    } catch (RuntimeException closed) {
                        out.completeExceptionally(closed(closed));
                        return;
                    }
                    dispatch(call, again, args, keyed, followUp, false);
                    return;
                }
                out.completeExceptionally(failure(call, command, cause));
            });
        });
    }

    /** One call's state, for its deadline. */
    private final class Call {
        final String name;
        final Duration queryTimeout;
        final Duration replyTimeout;
        final CompletableFuture<Object> out;
        volatile StatefulConnection<byte[], byte[]> connection;
        volatile GraphCommand command;
        /** The reply of the command sent right behind this one, if any: bounded by the same deadline. */
        volatile CompletableFuture<Object> followUp;

        Call(String name, Duration queryTimeout, Duration replyTimeout, CompletableFuture<Object> out) {
            this.name = name;
            this.queryTimeout = queryTimeout;
            this.replyTimeout = replyTimeout;
            this.out = out;
        }

        void dispatched(StatefulConnection<byte[], byte[]> c, GraphCommand cmd) {
            this.connection = c;
            this.command = cmd;
        }

        /** The deadline passed: fail the call, saying whether the server can have run it. */
        void expire() {
            if (out.isDone()) {
                CompletableFuture<Object> next = followUp;
                if (next != null && !next.isDone()) {
                    next.completeExceptionally(new ResponseTimeoutException("No reply to the command sent behind "
                            + name + " by FalkorDB at " + config() + " within " + replyTimeout.toMillis() + " ms",
                            Outcome.UNKNOWN, replyTimeout, null));
                }
                return;
            }
            GraphCommand cmd = command;
            String limit = queryTimeout == null ? " (socket timeout)" : " (query timeout " + queryTimeout.toMillis()
                    + " ms + grace " + config().queryTimeoutGrace().toMillis() + " ms)";
            if (cmd == null) {
                out.completeExceptionally(new ResponseTimeoutException("FalkorDB at " + config() + " did not complete "
                        + "the connection handshake within " + replyTimeout.toMillis() + " ms" + limit + "; " + name
                        + " was not sent" + (config().ssl() ? ". TLS is on: if port " + config().port()
                        + " does not speak TLS, use redis://" : ""), Outcome.NOT_SENT, replyTimeout, null));
            } else if (!cmd.written()) {
                // no new call may pick this connection: the next one opens another
                topology.forget(connection);
                out.completeExceptionally(new ResponseTimeoutException("FalkorDB at " + config() + " did not take "
                        + name + " within " + replyTimeout.toMillis() + " ms" + limit + "; the server is not reading "
                        + "and the command was not sent completely", Outcome.NOT_SENT, replyTimeout, null));
                // cut the connection so the rest of the command never arrives: the server runs only
                // what it has received completely
                connection.closeAsync();
            } else {
                out.completeExceptionally(new ResponseTimeoutException("No reply to " + name + " from FalkorDB at "
                        + config() + " within " + replyTimeout.toMillis() + " ms" + limit, Outcome.UNKNOWN,
                        replyTimeout, null));
            }
        }
    }

    /** A dispatched command failed. */
    private RuntimeException failure(Call call, GraphCommand command, Throwable e) {
        if (e instanceof FalkorOrmException f) {
            return f;
        }
        if (e instanceof RedisCommandExecutionException) {
            String message = e.getMessage();
            if (ServerErrors.isAuthenticationError(message)) {
                return ServerErrors.authentication(message, config(), e);
            }
            return new ServerErrorReply(message, e);
        }
        // the connection failed under the command: the next call opens another
        topology.discard(call.connection);
        if (e instanceof CancellationException) {
            return new ConnectionException(call.name + " to FalkorDB at " + config() + " was cancelled",
                    command.written() ? Outcome.UNKNOWN : Outcome.NOT_SENT, e);
        }
        if (!command.written()) {
            return new ConnectionException("Cannot send " + call.name + " to FalkorDB at " + config() + ": "
                    + ConnectionFailures.describe(e), Outcome.NOT_SENT, e);
        }
        return new ConnectionException("Connection to FalkorDB at " + config() + " failed while waiting for the "
                + "reply to " + call.name + ": " + ConnectionFailures.describe(e), Outcome.UNKNOWN, e);
    }

    /** A failure to set up a connection: the command was not sent. */
    private RuntimeException notSent(String command, Throwable e) {
        if (e instanceof FalkorOrmException f) {
            return f;
        }
        RedisCommandExecutionException server = ConnectionFailures.cause(e, RedisCommandExecutionException.class);
        if (server != null) {
            if (ServerErrors.isAuthenticationError(server.getMessage())) {
                return ServerErrors.authentication(server.getMessage(), config(), e);
            }
            return ServerErrors.translate(server.getMessage(), null, command, List.of(), e); // NOPERM in the handshake
        }
        SSLException ssl = ConnectionFailures.cause(e, SSLException.class);
        if (ssl != null) {
            return ConnectionFailures.tlsFailure(ssl, e, config());
        }
        return new ConnectionException("Cannot connect to FalkorDB at " + config() + ": "
                + ConnectionFailures.describe(e), Outcome.NOT_SENT, e);
    }

    private ConnectionException closed(Throwable e) {
        return new ConnectionException("The transport to FalkorDB at " + config() + " is closed", Outcome.NOT_SENT, e);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Waits for a call's result on the calling thread (the blocking API). */
    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting for FalkorDB at " + config(), Outcome.UNKNOWN, e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new ConnectionException("FalkorDB call failed: " + ConnectionFailures.describe(cause),
                    Outcome.UNKNOWN, cause);
        }
    }

    /** The graphs of every primary (each cluster shard lists only its own). */
    @Override
    public List<String> listGraphs() {
        CompletableFuture<List<StatefulConnection<byte[], byte[]>>> found;
        try {
            found = topology.primaries();
        } catch (IllegalStateException e) {
            throw closed(e);
        }
        List<StatefulConnection<byte[], byte[]>> primaries = await(found.handle((l, e) -> {
            if (e != null) {
                throw new CompletionException(notSent("GRAPH.LIST", unwrap(e)));
            }
            return l;
        }));
        List<String> out = new ArrayList<>();
        for (StatefulConnection<byte[], byte[]> c : primaries) {
            Object reply;
            try {
                reply = WireCodec.plainReply(await(call("GRAPH.LIST", new byte[0][], false, null, null,
                        CompletableFuture.completedFuture(c))));
            } catch (ServerErrorReply e) {
                throw ServerErrors.translate(e.getMessage(), null, "GRAPH.LIST", List.of(), e);
            }
            if (reply instanceof List<?> names) {
                names.forEach(n -> out.add(String.valueOf(n)));
            }
        }
        return out;
    }


    @Override
    public String providerName() {
        return "lettuce";
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        Object client = topology.client();
        if (type.isInstance(client)) {
            return type.cast(client);
        }
        if (type.isInstance(resources)) {
            return type.cast(resources);
        }
        return super.unwrap(type);
    }

    @Override
    public void close() {
        try {
            topology.close();
        } finally {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
