package dev.falkor.orm.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.falkor.orm.embedded.internal.Processes;
import dev.falkor.orm.embedded.internal.Resp;
import dev.falkor.orm.embedded.internal.RuntimeDirectory;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server must not outlive its JVM, even one killed with {@code SIGKILL}: the watchdog stops
 * it at once, and what a watchdog could not clean up is reaped by the next start.
 *
 * <p>{@link Isolated}: any start in this JVM reaps, so a test running in parallel could stop
 * the orphan that {@link #orphanedServerOfAKilledJvmIsStoppedByTheNextStart} checks survives.
 */
@Isolated
class EmbeddedFalkorDBHygieneTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void serverAndTemporaryDirectoryDieWithAKilledJvm() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            long server = child.serverPid();
            Path work = child.workDirectory();
            assertTrue(Processes.isRunning(server), "server runs: " + child.output());
            assertTrue(Processes.isRunning(child.watchdogPid()), "watchdog runs: " + child.output());
            assertEquals(child.runtimeDirectory(), work);
            assertTrue(Files.isRegularFile(work.resolve(RuntimeDirectory.MARKER)));
            assertTrue(work.getFileName().toString().startsWith(RuntimeDirectory.PREFIX + child.jvmPid() + "-"));
            try (Resp resp = new Resp("127.0.0.1", child.port(), 2000)) {
                assertEquals("PONG", resp.call("PING"));
            }

            child.kill(); // SIGKILL: no shutdown hook runs

            awaitTrue("redis-server " + server + " is gone", () -> !Processes.isRunning(server));
            awaitTrue(work + " is deleted", () -> !Files.exists(work));
            awaitTrue("the watchdog has exited", () -> !Processes.isRunning(child.watchdogPid()));
        }
    }

    @Test
    void dataDirectoryIsSavedAndKeptWhenTheJvmIsKilled(@TempDir Path data) throws Exception {
        try (ChildJvm child = ChildJvm.start(data.toString())) {
            long server = child.serverPid();
            Path runtime = child.runtimeDirectory();
            assertEquals(data.toAbsolutePath(), child.workDirectory());
            assertTrue(Files.isRegularFile(runtime.resolve(RuntimeDirectory.MARKER)));

            child.kill();

            // SIGTERM, not SIGKILL: Redis writes its snapshot before it exits.
            awaitTrue("redis-server " + server + " is gone", () -> !Processes.isRunning(server));
            awaitTrue(runtime + " is deleted", () -> !Files.exists(runtime));
            assertTrue(Files.isDirectory(data), "the data directory is kept");
        }
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.builder().dataDirectory(data).start();
             Resp resp = new Resp(db.host(), db.port(), 2000)) {
            Object reply = resp.call("GRAPH.QUERY", "kept", "MATCH (k:Kept) RETURN count(k)", "--compact");
            assertEquals(List.of(List.of(List.of(3L, 1L))), ((List<?>) reply).get(1), "data written before the kill");
        }
    }

    @Test
    void watchdogDoesNotOutliveItsServer() throws Exception {
        EmbeddedFalkorDB stopped = EmbeddedFalkorDB.start();
        long first = stopped.watchdogPid();
        assertTrue(Processes.isRunning(first));
        stopped.stop();
        awaitTrue("the watchdog ends with stop()", () -> !Processes.isRunning(first));

        try (EmbeddedFalkorDB crashed = EmbeddedFalkorDB.start()) {
            long second = crashed.watchdogPid();
            Path work = crashed.workDirectory();
            assertTrue(ProcessHandle.of(crashed.pid()).orElseThrow().destroyForcibly());
            awaitTrue("the watchdog ends when its server dies", () -> !Processes.isRunning(second));
            assertTrue(Files.isDirectory(work), "the JVM still owns the directory until stop()");
            crashed.stop();
            assertFalse(Files.exists(work));
        }
    }

    @Test
    void orphanedServerOfAKilledJvmIsStoppedByTheNextStart() throws Exception {
        try (ChildJvm child = ChildJvm.start()) {
            long server = child.serverPid();
            Path work = child.workDirectory();
            // Take the watchdog out first, as if it had been killed too: only reaping is left.
            ProcessHandle.of(child.watchdogPid()).ifPresent(ProcessHandle::destroyForcibly);
            awaitTrue("the watchdog is gone", () -> !Processes.isRunning(child.watchdogPid()));
            child.kill();
            assertTrue(Processes.isRunning(server), "the orphan survives its JVM without a watchdog");
            assertTrue(Files.isDirectory(work));

            EmbeddedFalkorDB.start().stop();

            // Another test's start in this JVM may be reaping it at the same moment; both are fine.
            awaitTrue("redis-server " + server + " is gone", () -> !Processes.isRunning(server));
            awaitTrue(work + " is deleted", () -> !Files.exists(work));
        }
    }

    @Test
    void leftoversOfDeadJvmsAreRemovedAndThoseOfLiveOnesKept() throws Exception {
        long deadPid = deadPid();
        Process live = new ProcessBuilder("/bin/sh", "-c", "read -r _").start(); // waits for its stdin to close
        Path dead = Files.createTempDirectory(TMP, RuntimeDirectory.PREFIX + deadPid + "-");
        Path alive = Files.createTempDirectory(TMP, RuntimeDirectory.PREFIX + live.pid() + "-");
        Path foreign = Files.createTempDirectory(TMP, RuntimeDirectory.PREFIX + "not-a-pid-");
        try {
            // The dead JVM's "server" pid now belongs to an unrelated process: it must survive.
            writeMarker(dead, deadPid, live.pid());
            Files.writeString(dead.resolve("falkordb-1234.log"), "log");
            Files.createDirectories(dead.resolve("sub")).resolve("file").toFile().createNewFile();
            writeMarker(alive, live.pid(), -1);

            EmbeddedFalkorDB.start().stop();

            assertFalse(Files.exists(dead), "leftover of dead JVM " + deadPid + " removed");
            assertTrue(Files.isRegularFile(alive.resolve(RuntimeDirectory.MARKER)), "live owner's directory kept");
            assertTrue(Files.isDirectory(foreign), "a directory the embedded server did not name is kept");
            assertTrue(live.isAlive(), "a process that only has the recorded server pid is not killed");
        } finally {
            live.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (Path p : List.of(dead, alive, foreign)) {
                RuntimeDirectory.delete(p);
            }
        }
    }

    @Test
    void markerWithoutAPidIsCleanedOnceItsOwnerIsDead() throws Exception {
        // Killed between mkdir and writing the marker: the directory name alone names the owner.
        long deadPid = deadPid();
        Path dead = Files.createTempDirectory(TMP, RuntimeDirectory.PREFIX + deadPid + "-");
        try {
            EmbeddedFalkorDB.start().stop();
            assertFalse(Files.exists(dead));
        } finally {
            RuntimeDirectory.delete(dead);
        }
    }

    /** The pid of a process that has exited and been reaped. */
    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "exit 0").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertFalse(Processes.isRunning(p.pid()));
        return p.pid();
    }

    private static void writeMarker(Path dir, long ownerPid, long serverPid) throws IOException {
        Properties p = new Properties();
        p.setProperty("owner.pid", Long.toString(ownerPid));
        p.setProperty("server.dir", dir.toString());
        p.setProperty("server.throwAway", "true");
        p.setProperty("server.port", "1234");
        p.setProperty("server.command", "/opt/falkordb/redis-server");
        if (serverPid > 0) {
            p.setProperty("server.pid", Long.toString(serverPid));
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(RuntimeDirectory.MARKER), StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    /** Bounded poll: every 50 ms until the condition holds or the deadline passes. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                fail(what + " within " + DEADLINE + listing());
            }
            Thread.sleep(50);
        }
    }

    private static String listing() {
        try (Stream<Path> s = Files.list(TMP)) {
            return "; " + TMP + " holds " + s.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(RuntimeDirectory.PREFIX)).toList();
        } catch (IOException e) {
            return "";
        }
    }
}
