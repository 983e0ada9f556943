package dev.falkor.orm.embedded;

import dev.falkor.orm.embedded.internal.Poll;
import dev.falkor.orm.embedded.internal.Resp;
import dev.falkor.orm.embedded.internal.ServerProcess;
import dev.falkor.orm.embedded.internal.StopAll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis Sentinel, one or more {@code redis-server <sentinel.conf> --sentinel} child processes
 * monitoring a FalkorDB primary under a master name (default {@value #DEFAULT_MASTER_NAME}),
 * with short failure detection so that a test sees a failover within seconds: the primary is
 * considered down after 1 s without an answer ({@code down-after-milliseconds}), a failover
 * times out after 3 s ({@code failover-timeout}).
 *
 * <pre>{@code
 * try (EmbeddedReplication replication = EmbeddedReplication.start(1);
 *      EmbeddedSentinel sentinel = EmbeddedSentinel.start(replication.primary())) {
 *     // a client asks sentinel.host():sentinel.port() for master "falkordb"
 *     replication.primary().stop();   // about 3 s later the sentinel names the replica
 * }
 * }</pre>
 *
 * <p>Sentinels do not load {@code falkordb.so}; they run the same {@code redis-server} as the
 * servers, each with its own runtime directory holding the {@code sentinel.conf} it is
 * started with and rewrites as it learns (replicas, other sentinels, epochs), and with the
 * same protection: a watchdog kills a sentinel whose JVM dies, a shutdown hook stops it on
 * exit, the next start reaps what a dead JVM left.
 *
 * <p>{@link Builder#start()} returns once every sentinel answers
 * {@code SENTINEL get-master-addr-by-name}, is connected to the primary, knows each replica
 * the primary had at that moment (connected, so a failover can pick it) and, with several
 * sentinels, knows all the others (they find each other through the primary's hello
 * channel, every 2 s: a primary, a replica and 3 sentinels are ready in about 2.5 s). A
 * failover then promotes a replica about {@code down-after + 2 s} after the primary stops
 * (the sentinel confirms the promotion with the once-a-second {@code INFO}): with the
 * defaults, {@code SENTINEL get-master-addr-by-name} names the replica 3.0 to 3.3 s after
 * {@link EmbeddedFalkorDB#stop()} of the primary, with one sentinel or three.
 */
public final class EmbeddedSentinel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSentinel.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** The master name used unless another is given. */
    public static final String DEFAULT_MASTER_NAME = "falkordb";

    private final String masterName;
    private final List<ServerProcess> sentinels;

    /**
     * Starts one sentinel with quorum 1 monitoring {@code primary} as {@value #DEFAULT_MASTER_NAME}.
     *
     * @param primary a running server (typically {@link EmbeddedReplication#primary()})
     * @return the running sentinel
     */
    public static EmbeddedSentinel start(EmbeddedFalkorDB primary) {
        return builder(primary).start();
    }

    /**
     * Settings: the master name, how many sentinels, quorum, timings. The sentinels run the
     * primary's {@code redis-server}.
     *
     * @param primary a running server to monitor
     * @return a new builder
     */
    public static Builder builder(EmbeddedFalkorDB primary) {
        return new Builder(Objects.requireNonNull(primary, "primary"));
    }

    private EmbeddedSentinel(String masterName, List<ServerProcess> sentinels) {
        this.masterName = masterName;
        this.sentinels = List.copyOf(sentinels);
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return ServerProcess.HOST;
    }

    /** The port of the first sentinel. */
    public int port() {
        return sentinels.get(0).port();
    }

    /**
     * Every sentinel's address.
     *
     * @return {@code 127.0.0.1:<port>} of each sentinel, in start order
     */
    public List<String> addresses() {
        return sentinels.stream().map(s -> ServerProcess.HOST + ":" + s.port()).toList();
    }

    /**
     * The process ids of the sentinels.
     *
     * @return the pid of each sentinel, in start order
     */
    public List<Long> pids() {
        return sentinels.stream().map(ServerProcess::pid).toList();
    }

    /** The name under which the sentinels monitor the primary. */
    public String masterName() {
        return masterName;
    }

    /**
     * Asks the first sentinel for the current primary ({@code SENTINEL get-master-addr-by-name}).
     *
     * @return {@code host:port} of the primary as this sentinel sees it now
     * @throws EmbeddedFalkorDBException if the sentinel does not answer
     */
    public String primaryAddress() {
        try (Resp resp = new Resp(host(), port(), 2_000)) {
            return primaryAddress(resp, masterName);
        } catch (IOException e) {
            throw new EmbeddedFalkorDBException("Sentinel on port " + port() + " does not answer: " + e.getMessage(), e);
        }
    }

    private static String primaryAddress(Resp resp, String masterName) throws IOException {
        Object reply = resp.call("SENTINEL", "get-master-addr-by-name", masterName);
        if (!(reply instanceof List<?> address) || address.size() != 2) {
            throw new IOException("no master named " + masterName + " (" + reply + ")");
        }
        return address.get(0) + ":" + address.get(1);
    }

    /** Stops every sentinel. Idempotent. */
    public void stop() {
        StopAll.close(sentinels.stream().<AutoCloseable>map(s -> s::stop).toList());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Settings for {@link EmbeddedSentinel}; the primary to monitor is given to {@link #builder(EmbeddedFalkorDB)}. */
    public static final class Builder {
        private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
        private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
        private final ServerBinaries binaries;
        private final String primaryHost;
        private final int primaryPort;
        private String masterName = DEFAULT_MASTER_NAME;
        private int sentinels = 1;
        private int quorum = 1;
        private Duration downAfter = Duration.ofSeconds(1);
        private Duration failoverTimeout = Duration.ofSeconds(3);

        private Builder(EmbeddedFalkorDB primary) {
            this.binaries = primary.binaries();
            this.primaryHost = primary.host();
            this.primaryPort = primary.port();
        }

        /**
         * The master name clients ask the sentinels for; default {@value #DEFAULT_MASTER_NAME}.
         *
         * @param name letters, digits, {@code . _ -}
         * @return this
         */
        public Builder masterName(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("master name must be letters, digits, '.', '_' or '-', was " + name);
            }
            this.masterName = name;
            return this;
        }

        /**
         * How many sentinel processes, and how many of them must agree that the primary is down
         * before one of them starts a failover; default 1 and 1.
         *
         * @param count  1 or more
         * @param quorum 1 to {@code count}
         * @return this
         */
        public Builder sentinels(int count, int quorum) {
            if (count < 1 || quorum < 1 || quorum > count) {
                throw new IllegalArgumentException("need 1 <= quorum <= sentinels, was " + quorum + " of " + count);
            }
            this.sentinels = count;
            this.quorum = quorum;
            return this;
        }

        /**
         * How fast a failure is acted on: {@code down-after-milliseconds}, how long the primary
         * may not answer before it is considered down (default 1 s), and
         * {@code failover-timeout} (default 3 s).
         *
         * @param downAfter       positive, at least a millisecond
         * @param failoverTimeout positive, at least a millisecond
         * @return this
         */
        public Builder failureDetection(Duration downAfter, Duration failoverTimeout) {
            this.downAfter = EmbeddedFalkorDB.positive(downAfter, "downAfter");
            this.failoverTimeout = EmbeddedFalkorDB.positive(failoverTimeout, "failoverTimeout");
            return this;
        }

        /**
         * Starts the sentinels; returns once they are ready (see the class comment).
         *
         * @return the running sentinels
         * @throws EmbeddedFalkorDBException if the primary does not answer or a sentinel cannot be started in time
         */
        public EmbeddedSentinel start() {
            ServerBinaries bin = binaries;
            int replicas = connectedReplicas();
            List<ServerProcess> started = new ArrayList<>();
            try {
                for (int i = 0; i < sentinels; i++) {
                    started.add(ServerProcess.start(new ServerProcess.Spec("Sentinel", bin.redisServer(), bin.origin(),
                            this::arguments, resp -> primaryAddress(resp, masterName), 0, null,
                            STARTUP_TIMEOUT, STOP_TIMEOUT)));
                }
                for (ServerProcess sentinel : started) {
                    Poll.until("sentinel on port " + sentinel.port() + " to see primary " + primaryHost + ":"
                            + primaryPort + ", its " + replicas + " replica(s) and " + (sentinels - 1)
                            + " other sentinel(s)", STARTUP_TIMEOUT, () -> ready(sentinel, replicas));
                }
            } catch (RuntimeException e) {
                StopAll.close(started.stream().<AutoCloseable>map(s -> s::stopQuietly).toList());
                throw e;
            }
            EmbeddedSentinel result = new EmbeddedSentinel(masterName, started);
            LOG.info("{} sentinel(s) on {} monitor {}:{} as '{}' (quorum {})", sentinels, result.addresses(),
                    primaryHost, primaryPort, masterName, quorum);
            return result;
        }

        private int connectedReplicas() {
            try (Resp resp = new Resp(primaryHost, primaryPort, 2_000)) {
                String info = String.valueOf(resp.call("INFO", "replication"));
                String field = EmbeddedFalkorDB.field(info, "connected_slaves");
                return field.startsWith("connected_slaves:") ? Integer.parseInt(field.substring(17)) : 0;
            } catch (IOException | NumberFormatException e) {
                throw new EmbeddedFalkorDBException("The primary to monitor, " + primaryHost + ":" + primaryPort
                        + ", does not answer INFO: " + e.getMessage(), e);
            }
        }

        private List<String> arguments(Path work, int port) throws IOException {
            Path conf = work.resolve("sentinel.conf"); // the sentinel rewrites it: in its own directory
            Files.writeString(conf, String.join("\n",
                    "# Falkor ORM EmbeddedSentinel; rewritten by the sentinel as it learns",
                    "sentinel monitor " + masterName + " " + primaryHost + " " + primaryPort + " " + quorum,
                    "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis(),
                    "sentinel failover-timeout " + masterName + " " + failoverTimeout.toMillis(),
                    ""), StandardCharsets.UTF_8);
            // --port and --dir as for the servers: leftover reaping recognizes the process by them.
            return List.of(conf.toString(), "--sentinel", "--bind", ServerProcess.HOST, "--port", Integer.toString(port),
                    "--dir", work.toString(), "--set-proc-title", "no", "--daemonize", "no");
        }

        /** TRUE once this sentinel is connected to the primary and knows its replicas and the other sentinels. */
        private Boolean ready(ServerProcess sentinel, int replicas) throws IOException {
            try (Resp resp = new Resp(ServerProcess.HOST, sentinel.port(), 2_000)) {
                List<?> master = (List<?>) resp.call("SENTINEL", "master", masterName);
                String flags = value(master, "flags");
                if (!flags.equals("master")) {
                    throw new IOException("primary flags " + flags);
                }
                long connected = ((List<?>) resp.call("SENTINEL", "replicas", masterName)).stream()
                        .filter(r -> value((List<?>) r, "flags").equals("slave")).count();
                if (connected < replicas) {
                    throw new IOException(connected + " connected replica(s) known");
                }
                int others = Integer.parseInt(value(master, "num-other-sentinels"));
                if (others < sentinels - 1) {
                    throw new IOException(others + " other sentinel(s) known");
                }
                return Boolean.TRUE;
            }
        }

        /** The value of {@code key} in a flat key, value, key, value... reply. */
        private static String value(List<?> pairs, String key) {
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                if (key.equals(pairs.get(i))) {
                    return String.valueOf(pairs.get(i + 1));
                }
            }
            return "";
        }
    }
}
