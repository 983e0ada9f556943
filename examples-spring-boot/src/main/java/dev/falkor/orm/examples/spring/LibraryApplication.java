package dev.falkor.orm.examples.spring;

import dev.falkor.orm.core.FalkorOrm;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A Spring Boot application on the Falkor ORM starter: {@code application.properties} turns on the
 * embedded server, the repositories of this package are injected, and the runner saves and queries a few
 * entities, prints what it finds and the application exits (closing the mapper and stopping the server).
 */
@SpringBootApplication
public class LibraryApplication {

    /**
     * Runs the application and closes it.
     *
     * @param args Spring Boot arguments, e.g. {@code --falkor.orm.graph=other}
     */
    public static void main(String[] args) {
        SpringApplication.run(LibraryApplication.class, args).close();
    }

    /**
     * The work: save, query, and a refused duplicate.
     *
     * @param authors the authors repository
     * @param books   the books repository
     * @param orm     the mapper, for a plain Cypher query
     * @return the runner
     */
    @Bean
    ApplicationRunner library(Authors authors, Books books, FalkorOrm orm) {
        return (ApplicationArguments args) -> {
            authors.saveAll(List.of(new Author("Ursula K. Le Guin", 1929), new Author("Stanisław Lem", 1921)));
            books.saveAll(List.of(
                    new Book("978-0-06-051275-0", "The Dispossessed", "Ursula K. Le Guin", 1974),
                    new Book("978-0-441-47812-5", "The Left Hand of Darkness", "Ursula K. Le Guin", 1969),
                    new Book("978-0-15-602760-8", "Solaris", "Stanisław Lem", 1961)));

            System.out.println("[Library] " + authors.count() + " authors, " + books.count() + " books in graph '"
                    + orm.graph() + "'");
            System.out.println("[Library] by Le Guin: " + books.findByAuthorOrderByYearAsc("Ursula K. Le Guin"));
            System.out.println("[Library] Lem: " + authors.findById("Stanisław Lem").orElseThrow());
            List<String> titles = orm.query("MATCH (b:Book) WHERE b.year < $year RETURN b.title AS title ORDER BY title")
                    .param("year", 1970).list(String.class);
            System.out.println("[Library] before 1970: " + titles);
            try {
                books.save(new Book("978-0-00-000000-0", "Solaris", "Someone Else", 2000));
            } catch (DataIntegrityViolationException e) {
                System.out.println("[Library] a second 'Solaris' was refused: " + e.getClass().getSimpleName()
                        + " caused by " + e.getCause().getClass().getSimpleName());
            }
        };
    }
}
