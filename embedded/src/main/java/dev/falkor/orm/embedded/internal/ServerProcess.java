package dev.falkor.orm.embedded.internal;

import dev.falkor.orm.embedded.EmbeddedFalkorDBException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code redis-server} child process of this JVM, whatever it runs as (a FalkorDB server,
 * a replica, a cluster node, a sentinel), with the protection every embedded server gets: its
 * own {@link RuntimeDirectory} (leftovers of dead JVMs are reaped before it starts), a
 * {@link Watchdog} that kills it if the JVM dies without running hooks, a shutdown hook, a log
 * file in its work directory, a bounded readiness poll and an orderly stop.
 *
 * <p>The arguments must carry {@code --port <port>} and {@code --dir <work dir>} before any
 * empty argument, and {@code --set-proc-title no}: that is how leftover reaping recognizes
 * the process as ours.
 */
public final class ServerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    /** Every embedded server binds this address only. */
    public static final String HOST = "127.0.0.1";

    /** The command line after the executable. */
    @FunctionalInterface
    public interface Arguments {
        /**
         * Builds the arguments; may first write files (a configuration) into the work directory.
         *
         * @param workDir the server's working directory
         * @param port    the port it is to listen on
         * @return the arguments after the executable
         * @throws IOException if a file cannot be written
         */
        List<String> build(Path workDir, int port) throws IOException;
    }

    /** The readiness check, run on a fresh connection until it passes. */
    @FunctionalInterface
    public interface Probe {
        /**
         * Returns if the server is ready.
         *
         * @param resp a connection to the server
         * @throws IOException not ready yet (an {@link Resp.ErrorReply} such as {@code LOADING} too)
         * @throws EmbeddedFalkorDBException it will never be ready: the start fails at once
         */
        void check(Resp resp) throws IOException;
    }

    /**
     * What to start.
     *
     * @param label          what it is, for messages and the log file name ("FalkorDB", "Sentinel")
     * @param executable     {@code redis-server}
     * @param origin         where the executable came from, for messages
     * @param arguments      the command line after the executable
     * @param probe          the readiness check
     * @param port           a fixed port, or 0 for a free one (retried if it is taken meanwhile)
     * @param dataDirectory  work in this directory and keep it (a snapshot is saved on stop), or
     *                       null for a throw-away one
     * @param startupTimeout how long the readiness poll lasts
     * @param stopTimeout    how long a stop waits before it kills
     */
    public record Spec(String label, Path executable, String origin, Arguments arguments, Probe probe, int port,
                       Path dataDirectory, Duration startupTimeout, Duration stopTimeout) {
        /** Checks that all but the data directory are given. */
        public Spec {
            for (Object required : new Object[] {label, executable, origin, arguments, probe, startupTimeout,
                    stopTimeout}) {
                Objects.requireNonNull(required, "a server's spec lacks a part");
            }
        }
    }

    private final Spec spec;
    private final Path workDir;
    private final RuntimeDirectory runtimeDir;
    private final Watchdog watchdog;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private ServerProcess(Spec spec, Path workDir, RuntimeDirectory runtimeDir, Watchdog watchdog, int port,
                          Process process) {
        this.spec = spec;
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.runtimeDir = runtimeDir;
        this.watchdog = watchdog;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stopQuietly,
                "falkordb-embedded-shutdown-" + spec.label.toLowerCase(Locale.ROOT) + "-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the server and returns once its probe passes.
     *
     * @param spec what to start
     * @return the running server
     * @throws EmbeddedFalkorDBException if it cannot be started or does not get ready in time
     */
    public static ServerProcess start(Spec spec) {
        // A free port can be taken between probing and binding; retry a few times.
        EmbeddedFalkorDBException last = null;
        for (int attempt = 0; attempt < (spec.port == 0 ? 3 : 1); attempt++) {
            try {
                return launch(spec, spec.port != 0 ? spec.port : freePort());
            } catch (PortInUse e) {
                last = new EmbeddedFalkorDBException(e.getMessage());
            }
        }
        throw last;
    }

    private static ServerProcess launch(Spec spec, int port) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        RuntimeDirectory runtime;
        Path work;
        try {
            Path data = spec.dataDirectory() != null
                    ? Files.createDirectories(spec.dataDirectory()).toAbsolutePath() : null;
            runtime = RuntimeDirectory.create(tmp, data, port, spec.executable);
            work = data != null ? data : runtime.path();
        } catch (IOException e) {
            throw new EmbeddedFalkorDBException("Cannot create the server directory: " + e.getMessage(), e);
        }
        RuntimeDirectory.reapLeftovers(tmp, runtime.path(), spec.stopTimeout);
        Path log = work.resolve(spec.label.toLowerCase(Locale.ROOT) + "-" + port + ".log");
        Process process;
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(spec.executable.toString());
            cmd.addAll(spec.arguments.build(work, port));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().remove("REDIS_PORT");
            process = pb.start();
        } catch (IOException e) {
            runtime.delete();
            throw new EmbeddedFalkorDBException("Cannot run " + spec.executable + " (from " + spec.origin + "): "
                    + e.getMessage(), e);
        }
        Watchdog watchdog = Watchdog.start(process.toHandle(), runtime.path(), spec.dataDirectory == null,
                spec.stopTimeout);
        runtime.recordServer(process.toHandle());
        ServerProcess server = new ServerProcess(spec, work, runtime, watchdog, port, process);
        try {
            server.awaitReady(log);
        } catch (RuntimeException e) {
            server.stopQuietly();
            throw e;
        }
        return server;
    }

    private void awaitReady(Path log) {
        Poll.until(spec.label + " on port " + port + " to answer", spec.startupTimeout, () -> {
            if (!process.isAlive()) {
                String output = readLog(log);
                if (output.contains("Address already in use")) {
                    throw new PortInUse("Port " + port + " is already in use");
                }
                throw new EmbeddedFalkorDBException(spec.label + " exited during startup with code "
                        + process.exitValue() + " (binaries from " + spec.origin + ").\n" + hints(output)
                        + "Server output:\n" + output);
            }
            try (Resp resp = new Resp(HOST, port, 1_000)) {
                spec.probe.check(resp);
                return Boolean.TRUE;
            }
        }, () -> ".\nServer output:\n" + readLog(log));
    }

    /** @return the port it listens on, on {@link #HOST} */
    public int port() {
        return port;
    }

    /** @return the process id of {@code redis-server} */
    public long pid() {
        return process.pid();
    }

    /** @return true until {@link #stop()} and while the process lives */
    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /** @return the server's working directory (the runtime directory unless a data directory was given) */
    public Path workDirectory() {
        return workDir;
    }

    /** @return the directory with the owner marker */
    public Path runtimeDirectory() {
        return runtimeDir.path();
    }

    /** @return the watchdog's process id, or -1 if it could not be started */
    public long watchdogPid() {
        return watchdog == null ? -1 : watchdog.pid();
    }

    /**
     * Stops the server: {@code SHUTDOWN NOSAVE} (or {@code SAVE} with a data directory), a kill
     * if it has not exited within the stop timeout, then deletes the runtime directory.
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
                resp.call("SHUTDOWN", spec.dataDirectory == null ? "NOSAVE" : "SAVE");
            } catch (IOException expected) {
                // the server closes the connection as it exits
            }
            try {
                if (!process.waitFor(spec.stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} on port {} did not stop within {}; killing it", spec.label, port, spec.stopTimeout);
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
        LOG.debug("{} on port {} stopped", spec.label, port);
    }

    /** {@link #stop()}, and should that fail, a kill. */
    public void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            if (watchdog != null) {
                watchdog.close();
            }
        }
    }

    /**
     * A loopback port that was free a moment ago.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedFalkorDBException("Cannot find a free loopback port: " + e.getMessage(), e);
        }
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

    private static final class PortInUse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUse(String message) {
            super(message);
        }
    }
}
