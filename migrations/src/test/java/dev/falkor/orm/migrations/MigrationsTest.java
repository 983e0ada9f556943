package dev.falkor.orm.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.testkit.GraphTest;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations on the real server, each test on a graph of its own, the history read back with
 * plain Cypher.
 */
class MigrationsTest extends GraphTest {

    private FalkorOrm mapper(String g) {
        return FalkorOrm.builder().transport(transport).graph(g).cache("none").build();
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private long countIn(String g, String cypher) {
        try {
            GraphValue v = transport.execute(GraphQuery.read(g, cypher, Map.of())).scalar();
            return ((Number) v.asJava()).longValue();
        } catch (dev.falkor.orm.api.GraphNotFoundException e) {
            return 0; // not created yet
        }
    }

    private List<List<Object>> historyOf(String g) {
        List<List<Object>> out = new ArrayList<>();
        for (List<GraphValue> row : transport.execute(GraphQuery.read(g, "MATCH (m:__FalkorMigration) RETURN m.version, "
                + "m.success, m.statementsDone ORDER BY m.rank", Map.of())).rows()) {
            out.add(List.of(row.get(0).asJava(), row.get(1).asJava(), row.get(2).asJava()));
        }
        return out;
    }

    /** V002 in Java: counts its runs in the graph, so running twice shows. */
    static final class V002__Count_runs implements JavaMigration {
        @Override
        public void migrate(MigrationContext context) {
            context.execute("MERGE (c:Counter {name: 'runs'}) ON CREATE SET c.n = 0 SET c.n = c.n + 1", Map.of());
        }
    }

    @Test
    void scriptsAndJavaMigrationsApplyInOrderAndTheHistoryIsInTheGraph(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_apply";
        write(dir, "V001__people.cypher", "CREATE INDEX FOR (p:Person) ON (p.id);\n"
                + "// a comment; not a statement\nCREATE (:Person {id: 1, name: 'semi;colon'});");
        write(dir, "V003__more.cypher", "CREATE (:Person {id: 3})");
        write(dir, "R__view.cypher", "MERGE (v:View {name: 'people'})");
        try (FalkorOrm orm = mapper(g)) {
            Migrations m = Migrations.builder(orm).location(dir.toString()).javaMigrations(new V002__Count_runs()).build();
            Migrations.Result r = m.migrate();
            assertEquals(List.of("001", "002", "003", "R:view"), r.applied());
            assertEquals(List.of(List.of("001", true, 2L), List.of("002", true, 0L), List.of("003", true, 1L),
                    List.of("R:view", true, 1L)), historyOf(g));
            assertEquals("semi;colon", transport.execute(GraphQuery.read(g, "MATCH (p:Person {id: 1}) RETURN p.name",
                    Map.of())).scalar().asJava());
            assertEquals(List.of(), m.migrate().applied(), "nothing twice");
            assertEquals(1L, countIn(g, "MATCH (c:Counter) RETURN c.n"));
            assertTrue(m.info().stream().allMatch(i -> i.state() == MigrationInfo.State.SUCCESS), m.info().toString());
            assertNotNull(m.info().get(0).installedOn());

            // a repeatable script runs again when it changes
            write(dir, "R__view.cypher", "MERGE (v:View {name: 'people'}) SET v.version = 2");
            assertEquals(List.of("R:view"), m.migrate().applied());
            assertEquals(2L, countIn(g, "MATCH (v:View) RETURN v.version"));
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    void aChangedAppliedScriptStopsTheRunUntilRepaired(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_checksum";
        write(dir, "V001__a.cypher", "CREATE (:A {v: 1})");
        try (FalkorOrm orm = mapper(g)) {
            Migrations m = Migrations.builder(orm).location(dir.toString()).build();
            m.migrate();
            write(dir, "V001__a.cypher", "CREATE (:A {v: 2})");
            write(dir, "V002__b.cypher", "CREATE (:B)");
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("V001__a.cypher"), e.getMessage());
            assertThrows(MigrationException.class, m::validate);
            assertEquals(MigrationInfo.State.CHANGED, m.info().get(0).state());
            assertEquals(0L, countIn(g, "MATCH (b:B) RETURN count(b)"), "nothing ran");
            m.repair();
            m.validate();
            assertEquals(List.of("002"), m.migrate().applied());
            assertEquals(1L, countIn(g, "MATCH (a:A) RETURN count(a)"), "the changed script was not run again");
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    void aFailedStatementStopsTheScriptAndTheFixedScriptResumesAfterWhatSucceeded(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_resume";
        write(dir, "V001__three.cypher", "CREATE (:Step {n: 1});\nCREATE (:Step {n: 2) BROKEN;\nCREATE (:Step {n: 3})");
        try (FalkorOrm orm = mapper(g)) {
            Migrations m = Migrations.builder(orm).location(dir.toString()).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("statement 2 of 3") && e.getMessage().contains("BROKEN"), e.getMessage());
            assertEquals(List.of(List.of("001", false, 1L)), historyOf(g));
            assertEquals(MigrationInfo.State.FAILED, m.info().get(0).state());
            write(dir, "V001__three.cypher", "CREATE (:Step {n: 1});\nCREATE (:Step {n: 2});\nCREATE (:Step {n: 3})");
            assertEquals(List.of("001"), m.migrate().applied());
            assertEquals(3L, countIn(g, "MATCH (s:Step) RETURN count(s)"), "statement 1 was not run again");
            assertEquals(List.of(List.of("001", true, 3L)), historyOf(g));

            // changing a statement that already ran is refused
            write(dir, "V002__two.cypher", "CREATE (:Two {n: 1});\nBROKEN");
            assertThrows(MigrationException.class, m::migrate);
            write(dir, "V002__two.cypher", "CREATE (:Two {n: 100});\nCREATE (:Two {n: 2})");
            MigrationException changed = assertThrows(MigrationException.class, m::migrate);
            assertTrue(changed.getMessage().contains("statement 1"), changed.getMessage());
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    void undoAndBaseline(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_undo";
        write(dir, "V001__a.cypher", "CREATE (:U {n: 1})");
        write(dir, "V002__b.cypher", "CREATE (:U {n: 2})");
        write(dir, "U002__b.cypher", "MATCH (u:U {n: 2}) DELETE u");
        try (FalkorOrm orm = mapper(g)) {
            Migrations m = Migrations.builder(orm).location(dir.toString()).build();
            m.migrate();
            assertEquals("002", m.undo());
            assertEquals(1L, countIn(g, "MATCH (u:U) RETURN count(u)"));
            assertEquals(MigrationInfo.State.UNDONE, m.info().get(1).state());
            assertThrows(MigrationException.class, m::undo, "001 has no undo script");
            assertEquals(List.of("002"), m.migrate().applied(), "an undone migration applies again");
            write(dir, "V003__c.cypher", "CREATE (:U {n: 3})");
            write(dir, "U003__c.cypher", "MATCH (u:U {n: 3}) DELETE u");
            m.migrate();
            assertEquals(List.of("003", "002"), m.undoTo("001"), "last first, down to 001");
            assertEquals(1L, countIn(g, "MATCH (u:U) RETURN count(u)"));
            Files.delete(dir.resolve("V003__c.cypher"));
            Files.delete(dir.resolve("U003__c.cypher"));
            m.migrate();
            assertThrows(MigrationException.class, m::clean, "refused unless enabled");
        } finally {
            transport.deleteGraph(g);
        }
        String existing = TestGraphs.uniqueName(getClass()) + "_baseline";
        transport.execute(GraphQuery.write(existing, "CREATE (:U {n: 1}), (:U {n: 2})"));
        write(dir, "V003__c.cypher", "CREATE (:U {n: 3})");
        try (FalkorOrm orm = mapper(existing)) {
            Migrations m = Migrations.builder(orm).location(dir.toString()).cleanEnabled(true).build();
            m.baseline("002");
            assertEquals(List.of("003"), m.migrate().applied(), "only what comes after the baseline");
            assertEquals(3L, countIn(existing, "MATCH (u:U) RETURN count(u)"));
            assertEquals(MigrationInfo.State.BELOW_BASELINE, m.info().get(0).state());
            assertThrows(MigrationException.class, () -> m.baseline("003"), "a graph with a history");
            m.clean();
            assertTrue(!transport.listGraphs().contains(existing));
        } finally {
            transport.deleteGraph(existing);
        }
    }

    @Test
    void concurrentMigratorsInThreadsAndJvmsApplyEachMigrationOnce(@TempDir Path dir) throws Exception {
        String g = TestGraphs.uniqueName(getClass()) + "_concurrent";
        write(dir, "V001__count.cypher", "MERGE (c:Counter {name: 'runs'}) ON CREATE SET c.n = 0 SET c.n = c.n + 1");
        write(dir, "V002__count.cypher", "MATCH (c:Counter {name: 'runs'}) SET c.n = c.n + 10");
        Process a = child(g, dir, false);
        Process b = child(g, dir, false);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (FalkorOrm orm = mapper(g)) {
            List<Future<Migrations.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Migrations.Result> run = () -> Migrations.builder(orm).location(dir.toString()).build().migrate();
                runs.add(threads.submit(run));
            }
            for (Future<Migrations.Result> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, a.exitValue(), output(a));
            assertEquals(0, b.exitValue(), output(b));
            assertEquals(11L, countIn(g, "MATCH (c:Counter) RETURN c.n"), "each migration ran exactly once");
            assertEquals(2, historyOf(g).size());
        } finally {
            threads.shutdownNow();
            a.destroyForcibly();
            b.destroyForcibly();
            transport.deleteGraph(g);
        }
    }

    @Test
    void theLockOfAKilledMigratorIsTakenOverAndReported(@TempDir Path dir) throws Exception {
        String g = TestGraphs.uniqueName(getClass()) + "_killed";
        write(dir, "V001__a.cypher", "CREATE (:K {n: 1})");
        Process holder = child(g, dir, true); // applies 001, then hangs in Java migration 900 holding the lock
        try (FalkorOrm orm = mapper(g)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // the child holds the lock and has recorded 001 (a kill between a statement and its history
            // entry would run that statement again: the documented reason for idempotent statements)
            while (transport.command("GET", "falkor-orm:migration-lock:{" + g + "}") == null
                    || countIn(g, "MATCH (m:__FalkorMigration {version: '001', success: true}) RETURN count(m)") == 0) {
                if (System.nanoTime() > deadline) {
                    holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("the child never took the lock: " + output(holder));
                }
                Thread.onSpinWait();
            }
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Migrations.Result r = Migrations.builder(orm).location(dir.toString()).lockWait(Duration.ofSeconds(30))
                    .build().migrate();
            assertNotNull(r.lockWaitedFor(), "the run reports whose lock it waited for");
            assertTrue(r.lockWaitedFor().startsWith("child-" + holder.pid()), r.lockWaitedFor());
            assertEquals(List.of(), r.applied(), "001 was applied by the killed migrator; 900 is not ours");
            assertEquals(1L, countIn(g, "MATCH (k:K) RETURN count(k)"));
        } finally {
            holder.destroyForcibly();
            transport.deleteGraph(g);
        }
    }

    @Test
    void aBatchedRewriteOf200000NodesIsInterruptedAndResumed(@TempDir Path dir) throws Exception {
        String g = TestGraphs.uniqueName(getClass()) + "_batched";
        transport.execute(GraphQuery.write(g, "UNWIND range(1, 200000) AS i CREATE (:Big {id: i, name: 'Name' + toString(i)})"));
        List<Long> seen = new ArrayList<>();
        boolean[] interrupt = {true};
        JavaMigration lower = new JavaMigration() {
            @Override
            public String version() {
                return "001";
            }

            @Override
            public String description() {
                return "lower-case names";
            }

            @Override
            public void migrate(MigrationContext c) {
                c.inBatches("MATCH (b:Big) WHERE b.lower IS NULL WITH b LIMIT $batchSize SET b.lower = toLower(b.name)",
                        Map.of(), 20_000, (batch, changed) -> {
                            seen.add(changed);
                            if (interrupt[0] && batch == 4) {
                                throw new IllegalStateException("interrupted on purpose after 4 batches");
                            }
                        });
            }
        };
        try (FalkorOrm orm = mapper(g)) {
            Migrations m = Migrations.builder(orm).location(dir.toString()).javaMigrations(lower).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("interrupted on purpose"), e.getMessage());
            assertEquals(80_000L, countIn(g, "MATCH (b:Big) WHERE b.lower IS NOT NULL RETURN count(b)"));
            interrupt[0] = false;
            m.migrate();
            assertEquals(10, seen.size(), "4 chunks, then the remaining 6: nothing done twice");
            assertEquals(0L, countIn(g, "MATCH (b:Big) WHERE b.lower IS NULL OR b.lower <> toLower(b.name) "
                    + "RETURN count(b)"), "every node checked");
            assertEquals(200_000L, countIn(g, "MATCH (b:Big) RETURN count(b)"));
        } finally {
            transport.deleteGraph(g);
        }
    }

    @dev.falkor.orm.api.annotation.Node("GenPerson")
    static class GenPerson {
        @dev.falkor.orm.api.annotation.Id String id;
        @dev.falkor.orm.api.annotation.Unique String email;
        @dev.falkor.orm.api.annotation.VectorIndexed(dimension = 4) float[] embedding;
    }

    @Test
    void theNextMigrationIsGeneratedFromTheEntityModelAndApplies(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_generate";
        transport.execute(GraphQuery.write(g, "CREATE INDEX FOR (n:GenPerson) ON (n.legacy)"));
        try (FalkorOrm orm = FalkorOrm.builder().transport(transport).graph(g).cache("none")
                .schemaMode(dev.falkor.orm.core.SchemaMode.NONE).entities(GenPerson.class).build()) {
            write(dir, "V001__start.cypher", "CREATE (:GenPerson {id: 'a', email: 'a@x'})");
            Migrations m = Migrations.builder(orm).location(dir.toString()).build();
            m.migrate();
            Path file = m.generate(dir, "person schema");
            assertEquals("V002__person_schema.cypher", file.getFileName().toString());
            String text = Files.readString(file);
            assertTrue(text.contains("GRAPH.CONSTRAINT CREATE UNIQUE NODE GenPerson PROPERTIES 1 email"), text);
            assertTrue(text.contains("CREATE VECTOR INDEX FOR (n:`GenPerson`) ON (n.`embedding`) OPTIONS {dimension: 4"), text);
            assertTrue(text.contains("// extra, kept"), text);
            assertEquals(List.of("002"), m.migrate().applied());
            orm.schema().validate(); // the graph now matches the model
            String rest = Files.readString(m.generate(dir.resolve("next"), "extras only"));
            assertTrue(rest.contains("// extra, kept") && !rest.contains("CREATE"), "only the extra index is left, "
                    + "as a comment: " + rest);
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    @SuppressWarnings("try") // the mappers are built for their start-up migration and closed
    void aMapperBuiltWithTheMigrateSettingMigratesItsGraphAtStart(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_start";
        write(dir, "V001__seed.cypher", "CREATE (:Started {n: 1})");
        try (FalkorOrm orm = FalkorOrm.builder().transport(transport).graph(g).cache("none")
                .setting("falkor.orm.migrate", dir.toString()).build()) {
            assertEquals(1L, countIn(g, "MATCH (s:Started) RETURN count(s)"), "migrated before build() returned");
            assertEquals(List.of(List.of("001", true, 1L)), historyOf(g));
        }
        try (FalkorOrm again = FalkorOrm.builder().transport(transport).graph(g).cache("none")
                .setting("falkor.orm.migrate", dir.toString()).build()) {
            assertEquals(1L, countIn(g, "MATCH (s:Started) RETURN count(s)"), "once");
        } finally {
            transport.deleteGraph(g);
        }
        write(dir, "V002__broken.cypher", "NOT CYPHER");
        assertThrows(MigrationException.class, () -> FalkorOrm.builder().transport(transport).graph(g).cache("none")
                .setting("falkor.orm.migrate", dir.toString()).build(), "a failed migration fails the start");
        transport.deleteGraph(g);
    }

    @Test
    void scriptsAreReadFromAJarOnTheClassPath(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String d : List.of("db/", "db/jarred/", "db/jarred/sub/")) { // directory entries, as jar tools write
                out.putNextEntry(new java.util.jar.JarEntry(d));
                out.closeEntry();
            }
            for (String[] e : new String[][] {{"db/jarred/V001__one.cypher", "CREATE (:Jarred {n: 1})"},
                    {"db/jarred/V002__two.cypher", "CREATE (:Jarred {n: 2})"}, {"db/jarred/sub/V003__no.cypher", "X"}}) {
                out.putNextEntry(new java.util.jar.JarEntry(e[0]));
                out.write(e[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        String g = TestGraphs.uniqueName(getClass()) + "_jar";
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null);
             FalkorOrm orm = mapper(g)) {
            Migrations m = Migrations.builder(orm).location("classpath:db/jarred").classLoader(loader).build();
            assertEquals(List.of("001", "002"), m.migrate().applied(), "the jar's scripts, not those of a subdirectory");
            assertEquals(2L, countIn(g, "MATCH (j:Jarred) RETURN count(j)"));
        } finally {
            transport.deleteGraph(g);
        }
    }

    private static Process child(String graph, Path dir, boolean hang) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), SharedServer.url(), graph, dir.toString()));
        if (hang) {
            cmd.add("hang");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readNBytes(4000));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
