package dev.falkor.orm.bench;

import dev.falkor.orm.api.IdGenerator;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The entities the benchmarks read and write: four properties, no doubles. */
final class Model {
    private Model() {
    }

    /** Hands out increasing ids from a high start, so generated ids never meet seeded ones. */
    public static final class Sequence implements IdGenerator {
        static final AtomicLong NEXT = new AtomicLong(1_000_000_000L);

        @Override
        public Object generate(Class<?> idType, Class<?> entityType) {
            return NEXT.incrementAndGet();
        }
    }

    @Node("Person")
    public static class Person {
        @Id @GeneratedValue(generator = Sequence.class) Long id;
        String name;
        int age;
        String city;
        @Relationship(type = "KNOWS")
        List<Person> friends;

        public Person() {
        }

        Person(Long id, String name, int age, String city) {
            this.id = id;
            this.name = name;
            this.age = age;
            this.city = city;
        }
    }

    /** The same nodes as {@link Person} without the relationship field: what a read costs without lazy containers. */
    @Node("Person")
    public static class Flat {
        @Id Long id;
        String name;
        int age;
        String city;

        public Flat() {
        }
    }

    interface Flats extends Repository<Flat, Long> {
    }

    /** An entity with a {@code double}, which the mapper reads bit-exactly (the raw read gets the server's rounding). */
    @Node("Scored")
    public static class Scored {
        @Id Long id;
        String name;
        double score;

        public Scored() {
        }
    }

    interface Scores extends Repository<Scored, Long> {
    }

    /** Raw and mapper candidates read the same fields into this. */
    record Row(long id, String name, long age, String city) {
    }

    interface People extends Repository<Person, Long> {
        List<Person> findByCityAndAgeGreaterThan(String city, int age);
    }

    /** {@link Flat} read without blocking. */
    interface AsyncFlats extends dev.falkor.orm.api.AsyncRepository<Flat, Long> {
    }
}
