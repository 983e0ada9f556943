package dev.falkor.orm.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Cacheable;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.observe.OrmObserver;
import dev.falkor.orm.spi.observe.StatementEvent;
import dev.falkor.orm.spi.observe.StatementObservation;
import dev.falkor.orm.testkit.GraphTest;
import dev.falkor.orm.testkit.TestGraphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review finding, fixed: the observer "hears of every statement sent" (FalkorOrm.Builder.observer, OrmObserver,
 * README "Metrics and tracing"), but Migrations sends everything on orm.transport(), bypassing the
 * mapper's executor: migration statements, the history writes and the lock commands are neither
 * timed nor traced (nor retried, nor seen by the result cache's invalidation).
 */
class MigrationsObserverReviewTest extends GraphTest {

    @Test
    void aMigrationsStatementsReachTheMappersObserver(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_observed";
        Files.writeString(dir.resolve("V001__observed.cypher"), "CREATE (:ObservedByMetrics {v: 1})");
        List<String> seen = new CopyOnWriteArrayList<>();
        OrmObserver observer = new OrmObserver() {
            @Override
            public StatementObservation statementStarted(StatementEvent statement) {
                seen.add(statement.kind() + " " + statement.statement());
                return new StatementObservation() {
                    @Override
                    public void succeeded(int rows) {
                    }

                    @Override
                    public void failed(Throwable error) {
                    }
                };
            }
        };
        try (FalkorOrm orm = FalkorOrm.builder().transport(transport).graph(g).cache("none").observer(observer)
                .build()) {
            seen.clear();
            assertEquals(List.of("001"), Migrations.builder(orm).location(dir.toString()).build().migrate().applied());
            assertEquals(1L, ((Number) transport.execute(GraphQuery.read(g,
                    "MATCH (n:ObservedByMetrics) RETURN count(n)", Map.of())).scalar().asJava()).longValue(),
                    "the migration ran");
            assertTrue(seen.stream().anyMatch(s -> s.contains("ObservedByMetrics")),
                    "the migration's statement was sent to the server but the observer heard only " + seen);
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Cacheable
    @Node("MigCached")
    public record Cached(@Id Long id, String name) {
    }

    public interface CachedRepository extends Repository<Cached, Long> {
    }

    /** A script's writes go around the repositories: the mapper's result cache must still forget what it held. */
    @Test
    void aMigrationsWritesInvalidateTheMappersResultCache(@TempDir Path dir) throws IOException {
        String g = TestGraphs.uniqueName(getClass()) + "_cached";
        Files.writeString(dir.resolve("V001__rename.cypher"), "MATCH (c:MigCached {id: 1}) SET c.name = 'after'");
        try (FalkorOrm orm = FalkorOrm.builder().transport(transport).graph(g).cache("caffeine")
                .lookup(java.lang.invoke.MethodHandles.lookup()).build()) {
            CachedRepository repo = orm.repository(CachedRepository.class);
            repo.save(new Cached(1L, "before"));
            assertEquals("before", repo.findById(1L).orElseThrow().name());
            assertEquals("before", repo.findById(1L).orElseThrow().name()); // now served from the cache
            assertTrue(orm.resultCache().orElseThrow().statistics().hits() >= 1, "the read was cached");
            assertEquals(List.of("001"), Migrations.builder(orm).location(dir.toString()).build().migrate().applied());
            assertEquals("after", transport.execute(GraphQuery.read(g, "MATCH (c:MigCached {id: 1}) RETURN c.name",
                    Map.of())).scalar().asJava(), "the migration ran");
            assertEquals("after", repo.findById(1L).orElseThrow().name(), "the cached read was invalidated");
        } finally {
            transport.deleteGraph(g);
        }
    }
}
