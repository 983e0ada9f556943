package dev.falkor.orm.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs the example application and checks what it left in the graph. */
class LibraryApplicationTest {

    @Test
    void theApplicationStoresAuthorsAndBooksAndTheDuplicateIsRefused() {
        String graph = TestGraphs.uniqueName(getClass());
        // the shared test server instead of the embedded one, so the graph outlives the application
        SpringApplication.run(LibraryApplication.class, "--falkor.orm.embedded.enabled=false",
                "--falkor.orm.url=" + SharedServer.url(), "--falkor.orm.graph=" + graph).close();
        try (Transport t = FalkorOrm.openTransport("jedis", SharedServer.config())) {
            try {
                List<List<Object>> books = t.execute(GraphQuery.read(graph,
                        "MATCH (b:Book) RETURN b.title, b.author, b.year ORDER BY b.year", Map.of()))
                        .rows().stream().map(r -> r.stream().map(v -> v.asJava()).toList()).toList();
                assertEquals(List.of(List.of("Solaris", "Stanisław Lem", 1961L),
                        List.of("The Left Hand of Darkness", "Ursula K. Le Guin", 1969L),
                        List.of("The Dispossessed", "Ursula K. Le Guin", 1974L)), books);
                assertEquals(2L, t.execute(GraphQuery.read(graph, "MATCH (a:Author) RETURN count(a)", Map.of()))
                        .scalar().asJava());
                assertEquals(0L, t.execute(GraphQuery.read(graph, "MATCH (b:Book {isbn: $i}) RETURN count(b)",
                        Map.of("i", "978-0-00-000000-0"))).scalar().asJava());
            } finally {
                t.deleteGraph(graph);
            }
        }
    }

    @Test
    void withItsPropertiesItRunsOnItsOwnEmbeddedServerAndStopsIt() {
        EmbeddedFalkorDB[] server = new EmbeddedFalkorDB[1];
        try (ConfigurableApplicationContext context = SpringApplication.run(LibraryApplication.class)) {
            server[0] = context.getBean(EmbeddedFalkorDB.class);
            FalkorOrm orm = context.getBean(FalkorOrm.class);
            assertEquals("library", orm.graph());
            assertEquals(3L, orm.query("MATCH (b:Book) RETURN count(b)").one(Long.class).orElseThrow());
        }
        assertFalse(server[0].isRunning());
    }
}
