package dev.falkor.orm.embedded.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-server directory under {@code java.io.tmpdir} that lets the next start find and
 * remove what a killed JVM left behind.
 *
 * <p>Every embedded server gets {@code falkor-orm-embedded-<jvm pid>-<random>}. Without a data
 * directory it is also the server's working directory; with one it holds only the marker. The
 * marker {@value #MARKER} names the owner JVM (pid, start instant, command) and the server
 * (pid, start instant, executable, {@code --dir}, {@code --port}); it is replaced atomically.
 *
 * <p>{@link #reapLeftovers} removes a directory only if its owner JVM is dead: no process with
 * that pid, a zombie, or a process whose start instant and command both differ from the
 * recorded ones (the pid was reused). Directories of live JVMs, of other users and with names
 * it did not make are never touched. If the recorded server still runs and really is ours (its
 * executable is the recorded one and its arguments carry the recorded {@code --dir} and
 * {@code --port}, which is why the server runs with {@code --set-proc-title no}; where the
 * arguments cannot be read, the recorded start instant must match)
 * it is killed first, {@code SIGKILL} for a throw-away directory, {@code SIGTERM} then
 * {@code SIGKILL} with a data directory. If that cannot be decided, nothing is touched.
 */
public final class RuntimeDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeDirectory.class);

    public static final String PREFIX = "falkor-orm-embedded-";
    public static final String MARKER = "owner.properties";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.+");
    /** Start instants of one process, computed by two JVMs, differ if the wall clock was stepped. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private final Path path;
    private final Properties marker = new Properties();

    private RuntimeDirectory(Path path) {
        this.path = path;
    }

    /** The directory of a server that is about to start in {@code serverDir} (null: in this one). */
    public static RuntimeDirectory create(Path base, Path serverDir, int port, Path redisServer) throws IOException {
        ProcessHandle me = ProcessHandle.current();
        Path dir = Files.createTempDirectory(Files.createDirectories(base), PREFIX + me.pid() + "-");
        RuntimeDirectory rd = new RuntimeDirectory(dir);
        rd.marker.setProperty("owner.pid", Long.toString(me.pid()));
        me.info().startInstant().ifPresent(t -> rd.marker.setProperty("owner.start", t.toString()));
        me.info().command().ifPresent(c -> rd.marker.setProperty("owner.command", c));
        rd.marker.setProperty("server.dir", (serverDir == null ? dir : serverDir).toString());
        rd.marker.setProperty("server.throwAway", Boolean.toString(serverDir == null));
        rd.marker.setProperty("server.port", Integer.toString(port));
        rd.marker.setProperty("server.command", realPath(redisServer).toString());
        try {
            rd.writeMarker();
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
        return rd;
    }

    public Path path() {
        return path;
    }

    /** Records the started server; failures are logged (the directory name still names the owner). */
    public void recordServer(ProcessHandle server) {
        marker.setProperty("server.pid", Long.toString(server.pid()));
        server.info().startInstant().ifPresent(t -> marker.setProperty("server.start", t.toString()));
        try {
            writeMarker();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot write {}: {}", path.resolve(MARKER), e.getMessage());
        }
    }

    public void delete() {
        delete(path);
    }

    private void writeMarker() throws IOException {
        Path tmp = path.resolve(MARKER + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            marker.store(w, "Falkor ORM embedded FalkorDB; removed by the next start once the owner JVM is dead");
        }
        Files.move(tmp, path.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Removes the leftovers of dead JVMs in {@code base} (see the class comment) and returns how
     * many directories it removed. {@code self} is a directory this JVM has just created; only
     * directories with the same file owner are considered. Never throws.
     */
    public static int reapLeftovers(Path base, Path self, Duration stopTimeout) {
        int removed = 0;
        UserPrincipal me;
        try {
            me = Files.getOwner(self);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Not reaping leftovers: cannot read the owner of {}: {}", self, e.getMessage());
            return 0;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    if (!dir.equals(self) && reap(dir, me, stopTimeout)) {
                        removed++;
                    }
                } catch (Undecidable e) {
                    LOG.warn("Not reaping {}: {}", dir, e.getMessage());
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Cannot reap {}: {}", dir, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot list {}: {}", base, e.toString());
        }
        return removed;
    }

    private static boolean reap(Path dir, UserPrincipal me, Duration stopTimeout) throws IOException {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !me.equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS))) {
            return false;
        }
        long ownerPid = Long.parseLong(m.group(1));
        if (ownerPid == ProcessHandle.current().pid()) {
            return false;
        }
        Properties marker = readMarker(dir);
        if (marker != null && !Long.toString(ownerPid).equals(marker.getProperty("owner.pid"))) {
            return false; // not written by us
        }
        if (ownerAlive(ownerPid, marker)) {
            return false;
        }
        Optional<ProcessHandle> server = findServer(dir, marker);
        if (server.isPresent()) {
            ProcessHandle s = server.get();
            boolean throwAway = marker == null || !"false".equals(marker.getProperty("server.throwAway"));
            LOG.info("Stopping FalkorDB pid {} left running by dead JVM {} ({})", s.pid(), ownerPid, dir);
            if (!throwAway) {
                s.destroy(); // SIGTERM: Redis saves its snapshot and exits
                Processes.awaitGone(s, stopTimeout);
            }
            s.destroyForcibly();
            if (!Processes.awaitGone(s, Duration.ofSeconds(5))) {
                LOG.warn("FalkorDB pid {} left by dead JVM {} does not die; keeping {}", s.pid(), ownerPid, dir);
                return false;
            }
        }
        delete(dir);
        LOG.info("Removed {} left by dead JVM {}", dir, ownerPid);
        return true;
    }

    private static boolean ownerAlive(long pid, Properties marker) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !Processes.isRunning(h.get())) {
            return false;
        }
        if (marker == null) {
            return true;
        }
        ProcessHandle.Info info = h.get().info();
        boolean startDiffers = differs(info.startInstant(), instant(marker, "owner.start"));
        String recorded = marker.getProperty("owner.command");
        boolean commandDiffers = recorded != null && info.command().isPresent()
                && !info.command().get().equals(recorded);
        // Both must differ: a stepped clock alone shifts start instants, and another JVM may reuse the pid.
        return !(startDiffers && commandDiffers);
    }

    /** The recorded server if it still runs and is ours; "cannot tell" throws {@link Undecidable}. */
    private static Optional<ProcessHandle> findServer(Path dir, Properties marker) throws Undecidable {
        String serverDir = marker == null ? dir.toString() : marker.getProperty("server.dir", dir.toString());
        String port = marker == null ? null : marker.getProperty("server.port");
        String command = marker == null ? null : marker.getProperty("server.command");
        String pid = marker == null ? null : marker.getProperty("server.pid");
        if (pid == null) {
            // Killed between starting the server and recording it: look for it by its arguments.
            return ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> hasArgs(a, serverDir, port)).orElse(false))
                    .filter(p -> isRedisServer(p.info().command(), command))
                    .filter(Processes::isRunning)
                    .findFirst();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(pid)).filter(Processes::isRunning);
        if (h.isEmpty()) {
            return h;
        }
        ProcessHandle.Info info = h.get().info();
        if (info.command().isPresent() && !isRedisServer(info.command(), command)) {
            return Optional.empty(); // the pid was reused
        }
        String[] args = info.arguments().orElse(new String[0]);
        if (List.of(args).contains("--dir")) {
            return hasArgs(args, serverDir, port) ? h : Optional.empty();
        }
        // No arguments to read (not permitted, or a rewritten process title): the start instant decides.
        Instant start = instant(marker, "server.start");
        if (info.command().isPresent() && info.startInstant().isPresent() && start != null) {
            return differs(info.startInstant(), start) ? Optional.empty() : h;
        }
        throw new Undecidable("cannot tell whether pid " + pid + " is the FalkorDB server recorded there; "
                + "leaving both alone");
    }

    private static boolean hasArgs(String[] args, String dir, String port) {
        boolean dirSeen = false;
        boolean portSeen = port == null;
        for (int i = 0; i + 1 < args.length; i++) {
            dirSeen |= args[i].equals("--dir") && args[i + 1].equals(dir);
            portSeen |= args[i].equals("--port") && args[i + 1].equals(port);
        }
        return dirSeen && portSeen;
    }

    private static boolean isRedisServer(Optional<String> actual, String recorded) {
        if (actual.isEmpty()) {
            return false;
        }
        String name = Path.of(actual.get()).getFileName().toString();
        return recorded == null ? name.equals("redis-server")
                : actual.get().equals(recorded) || name.equals(Path.of(recorded).getFileName().toString());
    }

    private static boolean differs(Optional<Instant> actual, Instant recorded) {
        return recorded != null && actual.isPresent()
                && Duration.between(actual.get(), recorded).abs().compareTo(START_TOLERANCE) > 0;
    }

    private static Instant instant(Properties marker, String key) {
        String v = marker.getProperty(key);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Properties readMarker(Path dir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
            p.load(r);
            return p;
        } catch (IOException | RuntimeException e) {
            return null; // not written yet (owner still starting, or killed right after mkdir)
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath();
        }
    }

    /** Deletes a tree; tolerates others (a watchdog, another JVM's reaper) deleting it at the same time. */
    public static void delete(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // already deleted
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }

    private static final class Undecidable extends IOException {
        private static final long serialVersionUID = 1L;

        Undecidable(String message) {
            super(message);
        }
    }
}
