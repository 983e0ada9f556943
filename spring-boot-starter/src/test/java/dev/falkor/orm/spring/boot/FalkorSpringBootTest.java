package dev.falkor.orm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spring.boot.app.Book;
import dev.falkor.orm.spring.boot.app.Books;
import dev.falkor.orm.spring.boot.app.TestApplication;
import dev.falkor.orm.spring.boot.model.People;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A whole Spring Boot application: repositories found in its package, with no annotation. */
@SpringBootTest(classes = TestApplication.class, properties = "falkor.orm.transport=lettuce")
class FalkorSpringBootTest {
    private static final String GRAPH = TestGraphs.uniqueName(FalkorSpringBootTest.class);

    @DynamicPropertySource
    static void falkor(DynamicPropertyRegistry registry) {
        registry.add("falkor.orm.url", SharedServer::url);
        registry.add("falkor.orm.graph", () -> GRAPH);
    }

    @AfterAll
    static void deleteGraph() {
        try (var t = FalkorOrm.openTransport("jedis", SharedServer.config())) {
            t.deleteGraph(GRAPH);
        }
    }

    @Autowired
    Books books;

    @Autowired
    FalkorOrm orm;

    @Autowired
    FalkorOrmHealthIndicator health;

    @Autowired
    ApplicationContext context;

    @Test
    void theApplicationsRepositoriesAreBeansThatWriteToTheGraph() {
        assertEquals("lettuce", orm.transport().providerName());
        assertEquals(GRAPH, orm.graph());
        assertThat(context.getBeanNamesForType(People.class)).isEmpty(); // outside the application package
        books.saveAll(List.of(new Book("978-0", "The Dispossessed", "Le Guin"),
                new Book("978-1", "The Lathe of Heaven", "Le Guin")));
        assertEquals(List.of("The Dispossessed", "The Lathe of Heaven"),
                orm.query("MATCH (b:Book) WHERE b.author = $a RETURN b.title AS title ORDER BY title")
                        .param("a", "Le Guin").list(String.class));
        assertEquals(List.of("978-0", "978-1"),
                books.findByAuthorOrderByIsbnAsc("Le Guin").stream().map(b -> b.isbn).toList());

        DataIntegrityViolationException e = assertThrows(DataIntegrityViolationException.class,
                () -> books.save(new Book("978-2", "The Dispossessed", "Someone")));
        assertInstanceOf(ConstraintViolationException.class, e.getCause());
        assertEquals(0L, orm.query("MATCH (b:Book {isbn: $i}) RETURN count(b)").param("i", "978-2")
                .one(Long.class).orElseThrow());
    }

    @Test
    void healthIsUp() {
        assertEquals(Status.UP, health.health().getStatus());
        assertEquals(GRAPH, health.health().getDetails().get("graph"));
    }
}
