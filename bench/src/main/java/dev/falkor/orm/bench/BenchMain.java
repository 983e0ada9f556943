package dev.falkor.orm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and writes {@code results.json} (JMH's own) and {@code results.md}: per
 * benchmark the time per operation, and for each mapper candidate its ratio to the raw
 * candidate of the same name ({@code fooMapper} against {@code fooRaw}; the lazy read against
 * the eager raw read) measured in the same run, plus the allocation per operation.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(System.getProperty("bench.include", ".*Benchmark.*"))
                .forks(Integer.getInteger("bench.forks", 1))
                .warmupIterations(Integer.getInteger("bench.warmups", 2))
                .measurementIterations(Integer.getInteger("bench.iterations", 3))
                .warmupTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                .measurementTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                .jvmArgsAppend("-Xmx1g")
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("results.json").toString());
        if (Boolean.parseBoolean(System.getProperty("bench.gc", "true"))) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> server = Boolean.parseBoolean(System.getProperty("bench.server", "true"))
                ? serverTimes(System.getProperty("bench.include", ".*Benchmark.*")) : Map.of();
        String table = table(results, server);
        Files.writeString(out.resolve("results.md"), table);
        System.out.println();
        System.out.println(table);
        System.out.println("Written: " + out.resolve("results.md") + ", " + out.resolve("results.json"));
    }

    /**
     * The server's own time per operation ("Query internal execution time", summed over the
     * statements of one call): each benchmark method called outside JMH, after its warm-up, on a
     * freshly seeded state. The floor no client can beat.
     */
    static Map<String, Double> serverTimes(String include) {
        Map<String, Double> out = new LinkedHashMap<>();
        Server.timing = true;
        java.util.regex.Pattern filter = java.util.regex.Pattern.compile(include);
        for (Class<?> type : java.util.List.of(ReadBenchmark.class, WriteBenchmark.class)) {
            java.util.List<java.lang.reflect.Method> methods = new java.util.ArrayList<>();
            for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)
                        && filter.matcher(type.getName() + "." + m.getName()).find()) {
                    methods.add(m);
                }
            }
            if (methods.isEmpty()) {
                continue;
            }
            methods.sort(java.util.Comparator.comparing(java.lang.reflect.Method::getName));
            try {
                Object state = type.getDeclaredConstructor().newInstance();
                type.getMethod("seed").invoke(state);
                java.lang.reflect.Field f = type.getDeclaredField("server");
                f.setAccessible(true);
                Server server = (Server) f.get(state);
                for (java.lang.reflect.Method m : methods) {
                    int calls = m.getName().contains("10000") ? 3 : m.getName().contains("1000") ? 10 : 100;
                    for (int i = 0; i < calls; i++) {
                        m.invoke(state); // warm-up
                    }
                    server.serverNanos.reset();
                    for (int i = 0; i < calls; i++) {
                        m.invoke(state);
                    }
                    out.put(m.getName(), server.serverNanos.sum() / 1000.0 / calls);
                }
                type.getMethod("close").invoke(state);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Server time pass of " + type.getSimpleName() + " failed", e);
            }
        }
        return out;
    }

    /** The Markdown table of a run. */
    static String table(Collection<RunResult> results) {
        return table(results, Map.of());
    }

    /** The Markdown table of a run, with the server's time per operation where measured. */
    static String table(Collection<RunResult> results, Map<String, Double> server) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("·gc.alloc.rate.norm");
            if (alloc == null) {
                alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            }
            byName.put(name, new double[] {primary.getScore(), primary.getScoreError(),
                alloc == null ? Double.NaN : alloc.getScore()});
        }
        StringBuilder sb = new StringBuilder("| benchmark | ops/s | µs/op | ± | ratio to raw | B/op | ratio of B/op "
                + "| server µs/op |\n|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, double[]> e : byName.entrySet()) {
            String name = e.getKey();
            double[] v = e.getValue();
            double[] raw = byName.get(baseline(name));
            String ratio = raw == null || name.endsWith("Raw") || raw == v ? "" : String.format(Locale.ROOT, "%.3fx", v[0] / raw[0]);
            String allocRatio = raw == null || name.endsWith("Raw") || Double.isNaN(v[2]) || raw[2] == 0 ? ""
                    : String.format(Locale.ROOT, "%.2fx", v[2] / raw[2]);
            Double serverTime = server.get(name);
            sb.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %s | %s | %s | %s |%n", name, 1e6 / v[0],
                    v[0], v[1], ratio,
                    Double.isNaN(v[2]) ? "" : String.format(Locale.ROOT, "%.0f", v[2]), allocRatio,
                    serverTime == null ? "" : String.format(Locale.ROOT, "%.1f", serverTime)));
        }
        return sb.toString();
    }

    /** The raw candidate a mapper candidate is compared with. */
    static String baseline(String name) {
        if (name.startsWith("findByIdCaffeine") || name.startsWith("findByIdRedis")) {
            return "findByIdUncached"; // cached against the same read from the server
        }
        if (name.startsWith("query100")) {
            return "query100Uncached";
        }
        if (name.startsWith("inFlight100")) {
            return "inFlight100JedisThreadPool"; // async against blocking calls on a thread pool
        }
        if (name.startsWith("lazy100x10")) {
            return "eager100x10Raw";
        }
        if (name.startsWith("findByIdDouble")) {
            return "findByIdDoubleRaw";
        }
        if (name.startsWith("findById")) {
            return "findByIdRaw";
        }
        if (name.equals("save100OneByOneMapper")) {
            return "saveAll100Raw";
        }
        for (String candidate : new String[] {"Mapper", "PlainWriter"}) {
            if (name.endsWith(candidate)) {
                return name.substring(0, name.length() - candidate.length()) + "Raw";
            }
        }
        return name;
    }
}
