package dev.falkor.orm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spring.boot.app.Books;
import dev.falkor.orm.spring.boot.model.AsyncPeople;
import dev.falkor.orm.spring.boot.model.BaseRepository;
import dev.falkor.orm.spring.boot.model.People;
import dev.falkor.orm.spring.boot.model.Person;
import dev.falkor.orm.testkit.SharedServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;

/** Repository beans registered by {@link EnableFalkorRepositories}, on both transports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoriesTest {
    private final Graphs graphs = new Graphs(getClass());

    @EnableFalkorRepositories(basePackageClasses = Person.class)
    @Configuration(proxyBeanMethods = false)
    static class ModelRepositories {
    }

    @EnableFalkorRepositories("dev.falkor.orm.spring.boot.app")
    @Configuration(proxyBeanMethods = false)
    static class AppRepositories {
    }

    private ApplicationContextRunner runner(String graph, String transport) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FalkorOrmAutoConfiguration.class))
                .withPropertyValues("falkor.orm.url=" + SharedServer.url(), "falkor.orm.graph=" + graph,
                        "falkor.orm.transport=" + transport);
    }

    @AfterAll
    void deleteGraphs() {
        graphs.deleteAll();
    }

    private static List<List<Object>> rows(FalkorOrm orm, String cypher, Map<String, ?> params) {
        QueryResult r = orm.transport().execute(GraphQuery.read(orm.graph(), cypher, params));
        return r.rows().stream().map(row -> row.stream().map(v -> v.asJava()).toList()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void repositoriesAreInjectableByTypeAndStoreInTheGraph(String transport) {
        String graph = graphs.next();
        runner(graph, transport).withUserConfiguration(ModelRepositories.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(People.class).hasSingleBean(AsyncPeople.class);
            assertThat(context).doesNotHaveBean(BaseRepository.class);
            assertThat(context).doesNotHaveBean(Books.class); // another package
            People people = context.getBean(People.class);
            FalkorOrm orm = context.getBean(FalkorOrm.class);

            people.save(new Person("p1", "Ann", "ann@example.org"));
            people.saveAll(List.of(new Person("p2", "Bob", "bob@example.org"),
                    new Person("p3", "Ann", "ann.other@example.org")));

            // read back with plain Cypher, not through the repository
            assertEquals(List.of(List.of("p1", "Ann", "ann@example.org"), List.of("p2", "Bob", "bob@example.org"),
                    List.of("p3", "Ann", "ann.other@example.org")),
                    rows(orm, "MATCH (p:Person) RETURN p.id, p.name, p.email ORDER BY p.id", Map.of()));

            assertEquals("Bob", people.findById("p2").orElseThrow().name);
            assertEquals(List.of("p1", "p3"), people.findByNameOrderByIdAsc("Ann").stream().map(p -> p.id).toList());
            assertEquals(3, people.count());

            Person bob = people.findById("p2").orElseThrow();
            bob.name = "Robert";
            people.save(bob);
            assertEquals(List.of(List.of("Robert")), rows(orm, "MATCH (p:Person {id: $id}) RETURN p.name",
                    Map.of("id", "p2")));

            people.deleteById("p1");
            assertEquals(List.of(List.of(2L)), rows(orm, "MATCH (p:Person) RETURN count(p)", Map.of()));

            AsyncPeople async = context.getBean(AsyncPeople.class);
            async.save(new Person("p4", "Cy", "cy@example.org")).join();
            assertEquals(List.of(List.of("Cy")), rows(orm, "MATCH (p:Person {id: $id}) RETURN p.name",
                    Map.of("id", "p4")));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void aUniqueViolationArrivesAsDataIntegrityViolationAndStoresNothing(String transport) {
        String graph = graphs.next();
        runner(graph, transport).withUserConfiguration(ModelRepositories.class).run(context -> {
            People people = context.getBean(People.class);
            FalkorOrm orm = context.getBean(FalkorOrm.class);
            people.save(new Person("p1", "Ann", "ann@example.org"));

            DataIntegrityViolationException e = assertThrows(DataIntegrityViolationException.class,
                    () -> people.save(new Person("p2", "Impostor", "ann@example.org")));
            assertInstanceOf(DuplicateKeyException.class, e);
            assertInstanceOf(ConstraintViolationException.class, e.getCause());
            assertEquals(e.getCause().getMessage(), e.getMessage());
            assertEquals(List.of(List.of("p1", "Ann")),
                    rows(orm, "MATCH (p:Person) RETURN p.id, p.name ORDER BY p.id", Map.of()));

            // the asynchronous repository's future fails with the translated exception too
            AsyncPeople async = context.getBean(AsyncPeople.class);
            CompletionException c = assertThrows(CompletionException.class,
                    () -> async.save(new Person("p3", "Again", "ann@example.org")).join());
            assertInstanceOf(DuplicateKeyException.class, c.getCause());
            assertInstanceOf(ConstraintViolationException.class, c.getCause().getCause());
            assertEquals(List.of(List.of(1L)), rows(orm, "MATCH (p:Person) RETURN count(p)", Map.of()));
        });
    }

    @Test
    void repositoriesAreCreatedWithTheContextSoTheSchemaIsThereBeforeFirstUse() {
        String graph = graphs.next();
        runner(graph, "jedis").withUserConfiguration(ModelRepositories.class).run(context -> {
            assertThat(context).hasNotFailed();
            FalkorOrm orm = context.getBean(FalkorOrm.class); // no repository looked up
            assertEquals(List.of(List.of(1L)), rows(orm, "CALL db.constraints() YIELD type, label, properties "
                    + "WHERE type = 'UNIQUE' AND label = $l AND properties = ['email'] RETURN count(*)",
                    Map.of("l", "Person")));
        });
    }

    @Test
    void anIncorrectResultSizeIsTranslated() {
        String graph = graphs.next();
        runner(graph, "jedis").withUserConfiguration(AppRepositories.class).run(context -> {
            Books books = context.getBean(Books.class);
            assertThat(context).doesNotHaveBean(People.class);
            books.save(new dev.falkor.orm.spring.boot.app.Book("1", "A", "Le Guin"));
            books.save(new dev.falkor.orm.spring.boot.app.Book("2", "B", "Le Guin"));
            books.save(new dev.falkor.orm.spring.boot.app.Book("3", "C", "Ursula"));
            assertEquals(2, books.findByAuthorOrderByIsbnAsc("Le Guin").size());
            IncorrectResultSizeDataAccessException e = assertThrows(IncorrectResultSizeDataAccessException.class,
                    () -> books.findByAuthorStartingWith("Le"));
            assertInstanceOf(dev.falkor.orm.api.IncorrectResultSizeException.class, e.getCause());
            assertEquals(1, e.getExpectedSize());
            assertEquals("Ursula", books.findByAuthorStartingWith("Urs").map(b -> b.author).orElse("none"));
        });
    }

    /** An application's own DAO: Spring's post-processor translates its exceptions with our translator bean. */
    @org.springframework.stereotype.Repository
    static class BookDao {
        private final FalkorOrm orm;

        BookDao(FalkorOrm orm) {
            this.orm = orm;
        }

        void broken() {
            orm.query("CREATE (b:Book {title: $t}").param("t", "x").write().execute();
        }
    }

    @Test
    void repositoryAnnotatedClassesAreTranslatedByPersistenceExceptionTranslationPostProcessor() {
        runner(graphs.next(), "jedis")
                .withBean(org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor.class)
                .withBean(BookDao.class)
                .run(context -> {
                    org.springframework.dao.InvalidDataAccessResourceUsageException e = assertThrows(
                            org.springframework.dao.InvalidDataAccessResourceUsageException.class,
                            () -> context.getBean(BookDao.class).broken());
                    assertInstanceOf(dev.falkor.orm.api.QuerySyntaxException.class, e.getCause());
                });
    }
}
