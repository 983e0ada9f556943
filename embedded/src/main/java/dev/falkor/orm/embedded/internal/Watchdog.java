package dev.falkor.orm.embedded.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an embedded {@code redis-server} when the JVM that started it dies without running its
 * shutdown hooks ({@code kill -9}, {@code Runtime.halt}, a crash, the OOM killer).
 *
 * <p>The watchdog is a {@code /bin/sh} process whose standard input is a pipe; the write end is
 * held only by this JVM and nothing is ever written to it. The shell blocks in {@code read}
 * until the kernel closes that end, which it does when the JVM exits for whatever reason, so
 * the watchdog reacts at once, without polling, and costs nothing while it waits. It then
 *
 * <ul>
 *   <li>kills the server with {@code SIGKILL} when its directory is a throw-away one (the
 *       same outcome as {@code SHUTDOWN NOSAVE}), or, with a data directory, sends
 *       {@code SIGTERM} (Redis saves its snapshot and exits) and escalates to {@code SIGKILL}
 *       after the stop timeout;</li>
 *   <li>deletes the server's runtime directory (never a user-given data directory) and exits.</li>
 * </ul>
 *
 * <p>Why this and not something else: Redis has no option to follow a parent process, and
 * {@code prctl(PR_SET_PDEATHSIG)} is Linux-only and needs native code. A pipe's end-of-file is
 * delivered the same way on Linux and macOS, needs only a POSIX shell, and is immune to the JVM
 * being killed. Java closes every descriptor above 2 in the processes it starts, so no other
 * child (another server, another watchdog) inherits the write end and keeps the pipe open;
 * native code that forks without closing descriptors would delay the watchdog until that
 * process exits. The watchdog ignores {@code SIGINT} and {@code SIGHUP} so that a Ctrl-C in a
 * terminal, which reaches the whole process group, cannot kill it before the JVM.
 *
 * <p>The watchdog does not outlive the server: the owner kills it when the server exits (on
 * {@code stop()} or a server crash), and after the JVM's death it exits once it has cleaned
 * up. Its own output goes to {@code /dev/null}, so it never dies of {@code SIGPIPE} halfway.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /*
     * $1 server pid, $2 "kill" or "term", $3 grace in tenths of a second (term), $4 directory
     * to delete. alive() treats a zombie as gone: an orphan killed where PID 1 does not reap
     * stays a zombie, and kill -0 still succeeds on it.
     */
    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP",
            "while read -r _; do :; done",
            "alive() {",
            "  kill -0 \"$1\" 2>/dev/null || return 1",
            "  if [ -r \"/proc/$1/stat\" ]; then",
            "    read -r st 2>/dev/null < \"/proc/$1/stat\" || return 1",
            "    case $st in *') Z '*|*') X '*) return 1 ;; esac",
            "  fi",
            "  return 0",
            "}",
            "if [ \"$2\" = term ]; then",
            "  kill -TERM \"$1\" 2>/dev/null",
            "  n=0",
            "  while [ \"$n\" -lt \"$3\" ] && alive \"$1\"; do",
            "    sleep 0.1 2>/dev/null || sleep 1",
            "    n=$((n + 1))",
            "  done",
            "  if alive \"$1\"; then kill -KILL \"$1\" 2>/dev/null; fi",
            "else",
            "  kill -KILL \"$1\" 2>/dev/null",
            "fi",
            "rm -rf \"$4\"",
            "");

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /**
     * Starts a watchdog for {@code server}. {@code throwAway}: the server's data need not be
     * saved. Returns null (after a warning) if no shell can be started; the leftovers are then
     * reaped by the next start instead.
     */
    public static Watchdog start(ProcessHandle server, Path runtimeDirectory, boolean throwAway,
                                 Duration stopTimeout) {
        long tenths = Math.max(1, Math.min(Integer.MAX_VALUE, stopTimeout.toMillis() / 100));
        List<String> cmd = List.of("/bin/sh", "-c", SCRIPT, "falkordb-watchdog", Long.toString(server.pid()),
                throwAway ? "kill" : "term", Long.toString(tenths), runtimeDirectory.toString());
        Process process;
        try {
            process = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOG.warn("Cannot start the watchdog for FalkorDB pid {} ({}); the server will outlive this JVM "
                    + "if it is killed", server.pid(), e.getMessage());
            return null;
        }
        Watchdog watchdog = new Watchdog(process);
        // Not outliving the server: once it has exited there is nothing left to guard.
        server.onExit().thenRun(watchdog::close);
        return watchdog;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the watchdog without letting it act (the pipe stays open until it is dead). */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
