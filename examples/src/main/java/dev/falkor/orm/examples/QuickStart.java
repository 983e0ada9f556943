package dev.falkor.orm.examples;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The README quick start: an entity, a repository, save and find. */
public final class QuickStart {

    @Node("Person")
    public static class Person {
        @Id @GeneratedValue UUID id;
        String name;
        LocalDate born;
        List<String> languages;

        Person() { // the mapper needs a no-argument constructor (any visibility), or one taking
        }          // every mapped field, compiled with `javac -parameters` (or marked @PersistenceCreator)

        Person(String name, LocalDate born, List<String> languages) {
            this.name = name;
            this.born = born;
            this.languages = languages;
        }

        @Override
        public String toString() {
            return name + " (born " + born + ", speaks " + languages + ")";
        }
    }

    public interface PersonRepository extends Repository<Person, UUID> {
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) { // a local server; or pass redis://host:port
            run(db.url());
        }
    }

    static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder()
                .url(url)                        // redis://host:port, or rediss:// for TLS
                .graph("quickstart")
                .lookup(MethodHandles.lookup())  // access to entity fields, no `opens` needed
                .build()) {
            PersonRepository people = orm.repository(PersonRepository.class);

            Person ada = people.save(new Person("Ada Lovelace", LocalDate.of(1815, 12, 10), List.of("en", "fr")));
            people.saveAll(List.of(
                    new Person("Grace Hopper", LocalDate.of(1906, 12, 9), List.of("en")),
                    new Person("Edsger Dijkstra", LocalDate.of(1930, 5, 11), List.of("nl", "en"))));

            System.out.println("[QuickStart] found by id: " + people.findById(ada.id).orElseThrow());
            System.out.println("[QuickStart] " + people.count() + " people stored");
            orm.transport().deleteGraph("quickstart");
        }
    }
}
