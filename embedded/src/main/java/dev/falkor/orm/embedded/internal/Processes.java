package dev.falkor.orm.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Process checks that {@link ProcessHandle} alone gets wrong: it reports a zombie (exited,
 * not yet reaped by its parent) as alive. An orphaned {@code redis-server} that was killed
 * stays a zombie for good where PID 1 does not reap (common in containers), so on Linux the
 * state letter in {@code /proc/<pid>/stat} is checked as well.
 */
public final class Processes {
    private Processes() {
    }

    /** True if the process exists, is not a zombie, and (on Linux) is not already dead. */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String s = Files.readString(stat, StandardCharsets.US_ASCII);
            // "<pid> (<comm>) <state> ..."; comm may contain spaces and parentheses.
            int close = s.lastIndexOf(')');
            if (close < 0 || close + 2 >= s.length()) {
                return process.isAlive();
            }
            char state = s.charAt(close + 2);
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (NoSuchFileException e) {
            // gone meanwhile, or no procfs (macOS): trust ProcessHandle
            return process.isAlive();
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(Processes::isRunning).orElse(false);
    }

    /**
     * Polls until the process is no longer running or the timeout has passed (a process that is
     * not our child cannot be waited for, and {@link ProcessHandle#onExit()} never completes
     * for a zombie). Returns true once it is gone.
     */
    public static boolean awaitGone(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 2;
        while (isRunning(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
            pauseMillis = Math.min(50, pauseMillis * 2);
        }
        return true;
    }
}
