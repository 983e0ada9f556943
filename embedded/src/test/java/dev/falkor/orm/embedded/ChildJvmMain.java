package dev.falkor.orm.embedded;

import dev.falkor.orm.embedded.internal.Resp;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs in a child JVM started by {@link ChildJvm}: starts an embedded server, prints what the
 * test needs as {@code key=value} lines and {@code ready}, then waits until its standard input
 * closes (the test died) or it is killed.
 *
 * <p>Arguments: none for a throw-away server; {@code <data dir>} for a server with a data
 * directory, in which one node {@code (:Kept {v: 1})} is created in graph {@code kept}.
 */
public final class ChildJvmMain {
    private ChildJvmMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedFalkorDB.Builder builder = EmbeddedFalkorDB.builder();
        if (args.length > 0) {
            builder.dataDirectory(Path.of(args[0])).stopTimeout(Duration.ofSeconds(5));
        }
        EmbeddedFalkorDB db = builder.start();
        if (args.length > 0) {
            try (Resp resp = new Resp(db.host(), db.port(), 2000)) {
                resp.call("GRAPH.QUERY", "kept", "CREATE (:Kept {v: 1})");
            }
        }
        System.out.println("jvm=" + ProcessHandle.current().pid());
        System.out.println("server=" + db.pid());
        System.out.println("port=" + db.port());
        System.out.println("work=" + db.workDirectory());
        System.out.println("runtime=" + db.runtimeDirectory());
        System.out.println("watchdog=" + db.watchdogPid());
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for EOF or SIGKILL
        }
        db.stop();
    }
}
