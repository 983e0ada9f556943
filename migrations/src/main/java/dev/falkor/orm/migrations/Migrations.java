package dev.falkor.orm.migrations;

import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.migrations.internal.Discovery;
import dev.falkor.orm.migrations.internal.Scripts;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.value.GraphValue;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned migrations of one graph, in the spirit of Flyway and neo4j-migrations:
 *
 * <ul>
 *   <li><b>Scripts</b> {@code V<version>__<description>.cypher} (statements separated by
 *       {@code ;}), optional undo scripts {@code U<version>__<description>.cypher}, and repeatable
 *       ones {@code R__<description>.cypher} (run again whenever they change), from a class-path
 *       location ({@code classpath:db/migration}, the default) or a directory; plus
 *       {@link JavaMigration}s.</li>
 *   <li><b>History in the graph itself</b>, one {@code (:__FalkorMigration)} node per migration
 *       (version, description, type, checksum, who, when, how long, how many statements ran, the
 *       error): it lives and dies with the graph (a deleted or restored graph carries its own
 *       history), and plain Cypher reads it. Queries over all nodes ({@code MATCH (n)}) see these
 *       nodes too: match by label.</li>
 *   <li><b>Checksums</b> of applied scripts are validated before migrating: a changed applied
 *       script stops the run naming the file, until {@link #repair()}.</li>
 *   <li><b>Partial failure</b>: each statement is atomic, a script is not. The history records how
 *       many statements of a script succeeded; a failed statement stops the run with the statement
 *       and the server's message, and the next {@code migrate} resumes the fixed script after what
 *       succeeded (refusing if those statements changed). Write idempotent statements where you can.</li>
 *   <li><b>One migrator at a time</b>: a Redis lock beside the graph ({@code SET ... NX PX}, renewed
 *       while the run lasts), so application instances starting together apply each migration
 *       once; the lock of a migrator that died expires and is taken over, and the run reports
 *       whose lock it waited for.</li>
 * </ul>
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final String LABEL = "__FalkorMigration";

    private final FalkorOrm orm;
    private final Transport transport;
    private final String graph;
    private final List<String> locations;
    private final List<JavaMigration> javaMigrations;
    private final ClassLoader loader;
    private final Duration lockTtl;
    private final Duration lockWait;
    private final boolean cleanEnabled;
    private final String installedBy;
    private final Listener listener;

    /** Hears what a run does, for progress reports. */
    public interface Listener {
        /** A migration starts, with its number of statements (0 for Java) and where it resumes. */
        default void starting(String version, String description, int statements, int from) {
        }

        /** A statement of a migration succeeded. */
        default void statementDone(String version, int done, int statements) {
        }

        /** A migration is applied. */
        default void applied(String version, long millis) {
        }
    }

    private Migrations(Builder b) {
        this.listener = b.listener;
        this.orm = b.orm;
        this.graph = b.orm.graph();
        this.transport = reporting(b.orm);
        this.locations = List.copyOf(b.locations);
        this.javaMigrations = List.copyOf(b.javaMigrations);
        this.loader = b.loader;
        this.lockTtl = b.lockTtl;
        this.lockWait = b.lockWait;
        this.cleanEnabled = b.cleanEnabled;
        this.installedBy = b.installedBy;
    }

    /**
     * The mapper's transport as migrations use it: each write that succeeds makes the mapper's
     * result cache forget the whole graph (a script may change anything), and with an observer
     * every statement and command is reported, as the mapper's own are.
     */
    private static Transport reporting(FalkorOrm orm) {
        Transport t = orm.transport();
        java.util.Optional<dev.falkor.orm.spi.cache.ResultCache> cache = orm.resultCache();
        if (cache.isPresent()) {
            dev.falkor.orm.spi.cache.ResultCache c = cache.get();
            String graph = orm.graph();
            t = new dev.falkor.orm.spi.ForwardingTransport(t) {
                @Override
                public dev.falkor.orm.spi.QueryResult execute(GraphQuery query) {
                    dev.falkor.orm.spi.QueryResult r = super.execute(query);
                    if (!query.readOnly()) {
                        c.invalidate(graph, null);
                    }
                    return r;
                }
            };
        }
        Transport invalidating = t;
        return orm.observer().map(o -> dev.falkor.orm.spi.observe.Observations.observing(invalidating, o, orm.graph()))
                .orElse(t);
    }

    /** Migrations of {@code orm}'s graph. */
    public static Builder builder(FalkorOrm orm) {
        return new Builder(orm);
    }

    /** What a {@link #migrate} did. */
    public record Result(List<String> applied, String lockWaitedFor) {
    }

    // ---- the migrations found

    /** A migration found in the locations or given as Java. */
    record Resolved(String version, String description, String type, String checksum, List<String> statements,
                    JavaMigration java, List<String> undo, String source) {
        boolean repeatable() {
            return version.startsWith("R:");
        }
    }

    List<Resolved> resolve() {
        Map<String, String> undo = new HashMap<>();
        List<Resolved> out = new ArrayList<>();
        for (String location : locations) {
            Discovery.scripts(location, loader).forEach((name, text) -> {
                if (name.startsWith("U")) {
                    undo.put(JavaMigration.Names.version("V" + name.substring(1, name.length() - ".cypher".length())), text);
                }
            });
        }
        for (String location : locations) {
            Discovery.scripts(location, loader).forEach((name, text) -> {
                String base = name.substring(0, name.length() - ".cypher".length());
                if (name.startsWith("V")) {
                    String v = JavaMigration.Names.version(base);
                    out.add(new Resolved(v, JavaMigration.Names.description(base), "CYPHER", Scripts.checksum(text),
                            Scripts.statements(text), null, undo.containsKey(v) ? Scripts.statements(undo.get(v)) : null,
                            location + "/" + name));
                } else if (name.startsWith("R__")) {
                    String d = base.substring(3).replace('_', ' ');
                    out.add(new Resolved("R:" + d, d, "CYPHER", Scripts.checksum(text), Scripts.statements(text), null,
                            null, location + "/" + name));
                }
            });
        }
        for (JavaMigration j : javaMigrations) {
            out.add(new Resolved(j.version(), j.description(), "JAVA", j.checksum(), List.of(), j, null,
                    j.getClass().getName()));
        }
        Map<String, String> seen = new HashMap<>();
        for (Resolved r : out) {
            String before = seen.put(r.version(), r.source());
            if (before != null) {
                throw new MigrationException("Two migrations have version " + r.version() + ": " + before + " and "
                        + r.source());
            }
        }
        out.sort((a, b) -> a.repeatable() != b.repeatable() ? (a.repeatable() ? 1 : -1)
                : a.repeatable() ? a.version().compareTo(b.version()) : Scripts.compareVersions(a.version(), b.version()));
        return out;
    }

    // ---- the history

    /** One history node. */
    record Entry(String version, String description, String type, String checksum, boolean success, boolean undone,
                 long statementsDone, List<String> statementChecksums, long installedOn, String installedBy,
                 long executionMillis, String error) {
    }

    Map<String, Entry> history() {
        QueryResult r;
        try {
            r = transport.execute(GraphQuery.read(graph, "MATCH (m:" + LABEL + ") RETURN m.version, "
                    + "m.description, m.type, m.checksum, m.success, m.undone, m.statementsDone, m.statementChecksums, "
                    + "m.installedOn, m.installedBy, m.executionMillis, m.error ORDER BY m.rank", Map.of()));
        } catch (dev.falkor.orm.api.GraphNotFoundException e) {
            return new LinkedHashMap<>(); // a graph that does not exist yet has no history
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (List<GraphValue> row : r.rows()) {
            @SuppressWarnings("unchecked")
            List<Object> sums = (List<Object>) row.get(7).asJava();
            List<String> checksums = new ArrayList<>();
            if (sums != null) {
                sums.forEach(o -> checksums.add(String.valueOf(o)));
            }
            out.put((String) row.get(0).asJava(), new Entry((String) row.get(0).asJava(), (String) row.get(1).asJava(),
                    (String) row.get(2).asJava(), (String) row.get(3).asJava(), Boolean.TRUE.equals(row.get(4).asJava()),
                    Boolean.TRUE.equals(row.get(5).asJava()), number(row.get(6)), checksums, number(row.get(8)),
                    (String) row.get(9).asJava(), number(row.get(10)), (String) row.get(11).asJava()));
        }
        return out;
    }

    private static long number(GraphValue v) {
        Object o = v.asJava();
        return o instanceof Number n ? n.longValue() : 0;
    }

    private void record(Resolved m, boolean success, long statementsDone, List<String> statementChecksums,
                        long millis, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("version", m.version());
        p.put("description", m.description());
        p.put("type", m.type());
        p.put("checksum", m.checksum());
        p.put("success", success);
        p.put("done", statementsDone);
        p.put("sums", statementChecksums);
        p.put("on", System.currentTimeMillis());
        p.put("by", installedBy);
        p.put("millis", millis);
        p.put("error", error);
        transport.execute(GraphQuery.write(graph, "OPTIONAL MATCH (last:" + LABEL + ") WITH coalesce(max(last.rank), 0) "
                + "AS top MERGE (m:" + LABEL + " {version: $version}) ON CREATE SET m.rank = top + 1 "
                + "SET m.description = $description, m.type = $type, m.checksum = $checksum, m.success = $success, "
                + "m.undone = false, m.statementsDone = $done, m.statementChecksums = $sums, m.installedOn = $on, "
                + "m.installedBy = $by, m.executionMillis = $millis, m.error = $error", p));
    }

    // ---- operations

    /** Applies every pending migration (and resumes a failed one), in version order. */
    public Result migrate() {
        return migrate(null);
    }

    /** Applies pending migrations up to and including {@code target}. */
    public Result migrate(String target) {
        try (Lock lock = Lock.acquire(this)) {
            List<String> applied = new ArrayList<>();
            Map<String, Entry> history = history();
            List<Resolved> resolved = resolve();
            check(resolved, history);
            String baseline = baseline(history);
            for (Resolved m : resolved) {
                if (m.repeatable()) {
                    continue;
                }
                if (baseline != null && Scripts.compareVersions(m.version(), baseline) <= 0) {
                    continue;
                }
                if (target != null && Scripts.compareVersions(m.version(), target) > 0) {
                    break;
                }
                Entry e = history.get(m.version());
                if (e != null && e.success()) {
                    continue;
                }
                run(m, e);
                applied.add(m.version());
            }
            if (target == null) {
                for (Resolved m : resolved) {
                    Entry e = history.get(m.version());
                    if (m.repeatable() && (e == null || !e.success() || !Objects.equals(e.checksum(), m.checksum()))) {
                        run(m, null);
                        applied.add(m.version());
                    }
                }
            }
            return new Result(applied, lock.waitedFor);
        }
    }

    private void run(Resolved m, Entry previous) {
        long start = System.nanoTime();
        if (m.java() != null) {
            listener.starting(m.version(), m.description(), 0, 0);
            try {
                m.java().migrate(new Context());
            } catch (Exception e) {
                record(m, false, 0, List.of(), millis(start), e.getClass().getSimpleName() + ": " + e.getMessage());
                throw new MigrationException("Migration " + m.version() + " (" + m.source() + ") failed: " + e.getMessage(), e);
            }
            record(m, true, 0, List.of(), millis(start), null);
            LOG.info("Applied migration {} ({}) to graph {}", m.version(), m.description(), graph);
            listener.applied(m.version(), millis(start));
            return;
        }
        List<String> sums = new ArrayList<>();
        int from = 0;
        if (previous != null && !previous.undone()) {
            // resume after the statements that succeeded, if they are the same statements
            from = (int) previous.statementsDone();
            for (int i = 0; i < from; i++) {
                String now = i < m.statements().size() ? Scripts.checksum(m.statements().get(i)) : null;
                if (i >= previous.statementChecksums().size() || !previous.statementChecksums().get(i).equals(now)) {
                    throw new MigrationException(m.source() + " changed statement " + (i + 1) + ", which already ran "
                            + "before the script failed; restore it, or repair() to run the script from its start");
                }
                sums.add(now);
            }
            if (from > 0) {
                LOG.info("Resuming migration {} at statement {} of {}", m.version(), from + 1, m.statements().size());
            }
        }
        listener.starting(m.version(), m.description(), m.statements().size(), from);
        for (int i = from; i < m.statements().size(); i++) {
            String statement = m.statements().get(i);
            try {
                execute(statement);
            } catch (FalkorOrmException e) {
                record(m, false, i, sums, millis(start), "statement " + (i + 1) + ": " + statement + " -- " + e.getMessage());
                throw new MigrationException("Migration " + m.version() + " (" + m.source() + ") failed at statement "
                        + (i + 1) + " of " + m.statements().size() + ": " + statement + " -- " + e.getMessage()
                        + ". Statements 1-" + i + " are applied; fix the script and migrate again to resume", e);
            }
            sums.add(Scripts.checksum(statement));
            record(m, i + 1 == m.statements().size(), i + 1, sums, millis(start), null);
            listener.statementDone(m.version(), i + 1, m.statements().size());
        }
        if (m.statements().isEmpty()) {
            record(m, true, 0, sums, millis(start), null);
        }
        LOG.info("Applied migration {} ({}) to graph {}", m.version(), m.description(), graph);
    }

    /**
     * Runs one statement of a script: Cypher through {@code GRAPH.QUERY}, or a constraint command
     * {@code GRAPH.CONSTRAINT CREATE|DROP UNIQUE|MANDATORY NODE|RELATIONSHIP <label> PROPERTIES <n> <p>...}
     * written without the graph (this graph is inserted); a created constraint is waited for until
     * the server has built it.
     */
    private void execute(String statement) {
        String[] words = statement.trim().split("\\s+");
        if (words.length > 1 && words[0].equalsIgnoreCase("GRAPH.CONSTRAINT")) {
            List<String> args = new ArrayList<>();
            args.add(words[1]);
            args.add(graph);
            args.addAll(List.of(words).subList(2, words.length));
            transport.command("GRAPH.CONSTRAINT", args.toArray(new String[0]));
            if (words[1].equalsIgnoreCase("CREATE") && words.length > 6) {
                awaitConstraint(words[2], words[4], List.of(words).subList(7, words.length));
            }
            return;
        }
        transport.execute(GraphQuery.write(graph, statement));
    }

    private void awaitConstraint(String type, String label, List<String> properties) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            QueryResult r = transport.execute(GraphQuery.read(graph, "CALL db.constraints() YIELD type, label, "
                    + "properties, status WHERE type = $type AND label = $label AND properties = $properties RETURN status",
                    Map.of("type", type.toUpperCase(java.util.Locale.ROOT), "label", label, "properties", properties)));
            String status = r.isEmpty() ? null : String.valueOf(r.scalar().asJava());
            if ("OPERATIONAL".equals(status)) {
                return;
            }
            if ("FAILED".equals(status)) {
                throw new MigrationException("The " + type + " constraint on " + label + properties + " could not be built: "
                        + "the stored data violates it");
            }
            if (System.nanoTime() > deadline) {
                throw new MigrationException("The " + type + " constraint on " + label + properties
                        + " was not built within 30 s (status " + status + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /**
     * Writes the skeleton of the next migration from the difference between the entity model and
     * the graph ({@code orm.schema().plan()}): statements creating what is missing, dropping and
     * re-creating what is mismatched, and the extras as comments. Review it before it runs.
     *
     * @return the file written, or null if the graph matches the model
     */
    public java.nio.file.Path generate(java.nio.file.Path directory, String description) {
        dev.falkor.orm.core.SchemaPlan plan = orm.schema().plan();
        if (plan.missing().isEmpty() && plan.mismatched().isEmpty() && plan.extra().isEmpty()) {
            return null;
        }
        String next = "001";
        for (Resolved r : resolve()) {
            if (!r.repeatable()) {
                String[] parts = r.version().split("\\.");
                next = String.format("%03d", Integer.parseInt(parts[0]) + 1);
            }
        }
        StringBuilder sb = new StringBuilder("// Generated from the entity model against graph '" + graph + "' on "
                + Instant.now() + ". Review before it runs.\n");
        for (dev.falkor.orm.core.SchemaPlan.Mismatch m : plan.mismatched()) {
            sb.append("// mismatched: ").append(m).append('\n').append(m.actual().dropStatement()).append(";\n")
                    .append(m.declared().createStatement()).append(";\n");
        }
        for (dev.falkor.orm.core.SchemaObject o : plan.missing()) {
            sb.append(o.createStatement()).append(";\n");
        }
        for (dev.falkor.orm.core.SchemaObject o : plan.extra()) {
            sb.append("// extra, kept (uncomment to drop): ").append(o.dropStatement()).append(";\n");
        }
        java.nio.file.Path file = directory.resolve("V" + next + "__" + description.replaceAll("[^A-Za-z0-9]+", "_")
                + ".cypher");
        try {
            java.nio.file.Files.createDirectories(directory);
            java.nio.file.Files.writeString(file, sb.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String baseline(Map<String, Entry> history) {
        for (Entry e : history.values()) {
            if ("BASELINE".equals(e.type())) {
                return e.version();
            }
        }
        return null;
    }

    /** Applied migrations whose source changed, named: the run must not go on. */
    private void check(List<Resolved> resolved, Map<String, Entry> history) {
        List<String> changed = new ArrayList<>();
        for (Resolved m : resolved) {
            Entry e = history.get(m.version());
            if (e != null && e.success() && !m.repeatable() && m.checksum() != null && e.checksum() != null
                    && !"BASELINE".equals(e.type()) && !m.checksum().equals(e.checksum())) {
                changed.add(m.source() + " (version " + m.version() + ")");
            }
        }
        if (!changed.isEmpty()) {
            throw new MigrationException("Applied migrations changed since they ran: " + String.join(", ", changed)
                    + ". Restore them, or repair() to accept the new checksums");
        }
    }

    /** Fails if an applied migration changed; see {@link #info()} for the details. */
    public void validate() {
        check(resolve(), history());
    }

    /** Every migration found or applied, with its state, in version order. */
    public List<MigrationInfo> info() {
        Map<String, Entry> history = history();
        String baseline = baseline(history);
        List<MigrationInfo> out = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Resolved m : resolve()) {
            found.add(m.version());
            Entry e = history.get(m.version());
            MigrationInfo.State state;
            if (e == null) {
                state = baseline != null && !m.repeatable() && Scripts.compareVersions(m.version(), baseline) <= 0
                        ? MigrationInfo.State.BELOW_BASELINE : MigrationInfo.State.PENDING;
            } else if (e.undone()) {
                state = MigrationInfo.State.UNDONE;
            } else if (!e.success()) {
                state = MigrationInfo.State.FAILED;
            } else if ("BASELINE".equals(e.type())) {
                state = MigrationInfo.State.BASELINE;
            } else if (m.checksum() != null && !m.checksum().equals(e.checksum())) {
                state = m.repeatable() ? MigrationInfo.State.PENDING : MigrationInfo.State.CHANGED;
            } else {
                state = MigrationInfo.State.SUCCESS;
            }
            out.add(info(m.version(), m.description(), m.type(), state, m.checksum(), e));
        }
        for (Entry e : history.values()) {
            if (!found.contains(e.version())) {
                out.add(info(e.version(), e.description(), e.type(), "BASELINE".equals(e.type())
                        ? MigrationInfo.State.BASELINE : MigrationInfo.State.MISSING, e.checksum(), e));
            }
        }
        return out;
    }

    private static MigrationInfo info(String version, String description, String type, MigrationInfo.State state,
                                      String checksum, Entry e) {
        return new MigrationInfo(version, description, type, state, checksum,
                e == null ? null : Instant.ofEpochMilli(e.installedOn()), e == null ? null : e.installedBy(),
                e == null ? 0 : e.executionMillis(), e == null ? 0 : (int) e.statementsDone(), e == null ? null : e.error());
    }

    /**
     * Undoes applied migrations, last first, until the last applied one is {@code version} (which
     * stays applied); every one undone needs its undo script. Returns the versions undone.
     */
    public List<String> undoTo(String version) {
        List<String> undone = new ArrayList<>();
        while (true) {
            String last = null;
            Map<String, Entry> history = history();
            for (Resolved m : resolve()) {
                Entry e = history.get(m.version());
                if (!m.repeatable() && e != null && e.success() && !e.undone() && !"BASELINE".equals(e.type())) {
                    last = m.version();
                }
            }
            if (last == null || Scripts.compareVersions(last, version) <= 0) {
                return undone;
            }
            undone.add(undo());
        }
    }

    /** Undoes the last applied migration with an undo script ({@code U<version>__...}); returns its version. */
    @SuppressWarnings("try") // the lock is held for the block
    public String undo() {
        try (Lock lock = Lock.acquire(this)) {
            Map<String, Entry> history = history();
            List<Resolved> resolved = resolve();
            for (int i = resolved.size() - 1; i >= 0; i--) {
                Resolved m = resolved.get(i);
                Entry e = history.get(m.version());
                if (m.repeatable() || e == null || !e.success() || e.undone()) {
                    continue;
                }
                if (m.undo() == null) {
                    throw new MigrationException("Migration " + m.version() + " (" + m.source() + ") is the last applied "
                            + "one and has no undo script U" + m.version() + "__...cypher");
                }
                for (String statement : m.undo()) {
                    execute(statement);
                }
                transport.execute(GraphQuery.write(graph, "MATCH (m:" + LABEL + " {version: $v}) SET m.success = false, "
                        + "m.undone = true, m.statementsDone = 0, m.statementChecksums = []", Map.of("v", m.version())));
                LOG.info("Undid migration {} of graph {}", m.version(), graph);
                return m.version();
            }
            throw new MigrationException("Nothing to undo in graph '" + graph + "'");
        }
    }

    /** Adopts an existing graph at {@code version}: migrations up to it are taken as applied, never run. */
    @SuppressWarnings("try") // the lock is held for the block
    public void baseline(String version) {
        try (Lock lock = Lock.acquire(this)) {
            if (!history().isEmpty()) {
                throw new MigrationException("Graph '" + graph + "' already has a migration history: baseline is for "
                        + "a graph that never had one");
            }
            record(new Resolved(version, "<< baseline >>", "BASELINE", null, List.of(), null, null, "baseline"), true, 0,
                    List.of(), 0, null);
        }
    }

    /** Accepts the current checksums of changed applied migrations and clears failed entries (they run again from their start). */
    @SuppressWarnings("try") // the lock is held for the block
    public void repair() {
        try (Lock lock = Lock.acquire(this)) {
            Map<String, Entry> history = history();
            for (Resolved m : resolve()) {
                Entry e = history.get(m.version());
                if (e == null) {
                    continue;
                }
                if (!e.success() && !e.undone()) {
                    transport.execute(GraphQuery.write(graph, "MATCH (m:" + LABEL + " {version: $v}) DELETE m",
                            Map.of("v", m.version())));
                } else if (e.success() && m.checksum() != null && !m.checksum().equals(e.checksum())) {
                    transport.execute(GraphQuery.write(graph, "MATCH (m:" + LABEL + " {version: $v}) SET m.checksum = $c",
                            Map.of("v", m.version(), "c", m.checksum())));
                }
            }
        }
    }

    /** Deletes the graph with its history; refused unless enabled with {@link Builder#cleanEnabled}. */
    @SuppressWarnings("try") // the lock is held for the block
    public void clean() {
        if (!cleanEnabled) {
            throw new MigrationException("clean() deletes graph '" + graph + "' and everything in it: enable it with "
                    + "cleanEnabled(true) where that is what you want");
        }
        try (Lock lock = Lock.acquire(this)) {
            transport.deleteGraph(graph);
        }
    }

    // ---- the context of Java migrations

    private final class Context implements MigrationContext {
        @Override
        public FalkorOrm orm() {
            return orm;
        }

        @Override
        public String graph() {
            return graph;
        }

        @Override
        public QueryStatistics execute(String cypher, Map<String, ?> parameters) {
            return transport.execute(GraphQuery.write(graph, cypher, parameters)).statistics();
        }

        @Override
        public long inBatches(String statement, Map<String, ?> parameters, int batchSize, BatchListener listener) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            Map<String, Object> p = new HashMap<>(parameters);
            p.put("batchSize", (long) batchSize);
            long batches = 0;
            while (true) {
                QueryStatistics s = execute(statement, p);
                long changed = Math.max(Math.max(s.propertiesSet(), s.nodesCreated()),
                        Math.max(Math.max(s.nodesDeleted(), s.relationshipsCreated()),
                                Math.max(s.relationshipsDeleted(), s.labelsAdded())));
                if (changed == 0) {
                    return batches;
                }
                batches++;
                if (listener != null) {
                    listener.afterBatch(batches, changed);
                }
            }
        }
    }

    // ---- the lock

    /** A Redis lock beside the graph: {@code SET key token NX PX ttl}, renewed until closed. */
    private static final class Lock implements AutoCloseable {
        private static final String RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
                + "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
        private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
                + "return redis.call('DEL', KEYS[1]) else return 0 end";

        private final Migrations m;
        private final String key;
        private final String token;
        private final ScheduledExecutorService renewal;
        String waitedFor;

        private Lock(Migrations m, String key, String token) {
            this.m = m;
            this.key = key;
            this.token = token;
            this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "falkor-orm-migration-lock");
                t.setDaemon(true);
                return t;
            });
        }

        static Lock acquire(Migrations m) {
            String key = "falkor-orm:migration-lock:{" + m.graph + "}";
            String token = m.installedBy + "/" + UUID.randomUUID();
            Lock lock = new Lock(m, key, token);
            long deadline = System.nanoTime() + m.lockWait.toNanos();
            long pause = TimeUnit.MILLISECONDS.toNanos(5);
            while (true) {
                Object ok = m.transport.command("SET", key, token, "NX", "PX", Long.toString(m.lockTtl.toMillis()));
                if ("OK".equals(String.valueOf(ok))) {
                    break;
                }
                Object owner = m.transport.command("GET", key);
                if (owner != null) {
                    lock.waitedFor = String.valueOf(owner);
                }
                if (System.nanoTime() > deadline) {
                    lock.renewal.shutdownNow();
                    throw new MigrationException("Another migrator (" + owner + ") holds the migration lock of graph '"
                            + m.graph + "' and did not release it within " + m.lockWait.toSeconds() + " s");
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(200));
            }
            if (lock.waitedFor != null) {
                LOG.warn("Took the migration lock of graph {} after waiting for {} (released, or expired because its "
                        + "holder died)", m.graph, lock.waitedFor);
            }
            long every = Math.max(1, m.lockTtl.toMillis() / 3);
            lock.renewal.scheduleAtFixedRate(() -> {
                try {
                    m.transport.command("EVAL", RENEW, "1", key, token, Long.toString(m.lockTtl.toMillis()));
                } catch (RuntimeException e) {
                    LOG.warn("Could not renew the migration lock of graph {}: {}", m.graph, e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
            return lock;
        }

        @Override
        public void close() {
            renewal.shutdownNow();
            m.transport.command("EVAL", RELEASE, "1", key, token);
        }
    }

    /** Settings. */
    public static final class Builder {
        private final FalkorOrm orm;
        private final List<String> locations = new ArrayList<>();
        private final List<JavaMigration> javaMigrations = new ArrayList<>();
        private ClassLoader loader = Migrations.class.getClassLoader();
        private Duration lockTtl = Duration.ofSeconds(30);
        private Duration lockWait = Duration.ofMinutes(5);
        private boolean cleanEnabled;
        private String installedBy = defaultUser();
        private Listener listener = new Listener() {
        };

        /** Hears each migration and statement as the run goes (progress reports). */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        private Builder(FalkorOrm orm) {
            this.orm = Objects.requireNonNull(orm, "orm");
        }

        private static String defaultUser() {
            return System.getProperty("user.name", "unknown") + "@" + ManagementFactory.getRuntimeMXBean().getName();
        }

        /** Where scripts are: {@code classpath:db/migration} (the default when none is given) or a directory. */
        public Builder location(String location) {
            locations.add(Objects.requireNonNull(location, "location"));
            return this;
        }

        /** Migrations written in Java. */
        public Builder javaMigrations(JavaMigration... migrations) {
            javaMigrations.addAll(List.of(migrations));
            return this;
        }

        /** The class loader class-path locations are read with (default: this library's). */
        public Builder classLoader(ClassLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** How long the lock lives without renewal (a dead holder's lock is free after it; default 30 s). */
        public Builder lockTtl(Duration ttl) {
            this.lockTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** How long to wait for another migrator's lock (default 5 minutes). */
        public Builder lockWait(Duration wait) {
            this.lockWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /** Allows {@link Migrations#clean()}, which deletes the graph. */
        public Builder cleanEnabled(boolean enabled) {
            this.cleanEnabled = enabled;
            return this;
        }

        /** Who the history names as having applied migrations (default user@pid@host). */
        public Builder installedBy(String who) {
            this.installedBy = Objects.requireNonNull(who, "who");
            return this;
        }

        public Migrations build() {
            if (locations.isEmpty()) {
                locations.add("classpath:db/migration");
            }
            return new Migrations(this);
        }
    }
}
