package dev.falkor.orm.embedded;

import dev.falkor.orm.embedded.internal.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A JVM running {@link ChildJvmMain} on the test class path, and what it printed. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Map<String, String> info;
    private final StringBuffer output;

    private ChildJvm(Process process, Map<String, String> info, StringBuffer output) {
        this.process = process;
        this.info = info;
        this.output = output;
    }

    /** Starts the child and returns once its server is up; fails with the child's output otherwise. */
    static ChildJvm start(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), ChildJvmMain.class.getName()));
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            Map<String, String> seen = new HashMap<>();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) { // keeps draining after "ready"
                    output.append(line).append('\n');
                    int eq = line.indexOf('=');
                    if (line.equals("ready")) {
                        ready.complete(Map.copyOf(seen));
                    } else if (eq > 0) {
                        seen.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
            ready.completeExceptionally(new IllegalStateException("child JVM ended before it was ready"));
        }, "child-jvm-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildJvm(process, ready.get(60, TimeUnit.SECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM did not report a running server: " + e + "\nOutput:\n"
                    + output, e);
        }
    }

    long jvmPid() {
        return process.pid();
    }

    long serverPid() {
        return Long.parseLong(info.get("server"));
    }

    int port() {
        return Integer.parseInt(info.get("port"));
    }

    Path workDirectory() {
        return Path.of(info.get("work"));
    }

    Path runtimeDirectory() {
        return Path.of(info.get("runtime"));
    }

    long watchdogPid() {
        return Long.parseLong(info.get("watchdog"));
    }

    String output() {
        return output.toString();
    }

    /** SIGKILL: no shutdown hook runs. Returns once the child JVM has exited. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills the child and, should a test have failed half-way, its server and watchdog. */
    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        List<String> ours = List.of(workDirectory().toString(), runtimeDirectory().toString());
        for (long pid : new long[] {serverPid(), watchdogPid()}) {
            ProcessHandle.of(pid).filter(Processes::isRunning)
                    .filter(p -> p.info().arguments().map(a -> List.of(a).stream().anyMatch(ours::contains))
                            .orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
