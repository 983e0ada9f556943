package dev.falkor.orm.core.internal.query;

import dev.falkor.orm.api.annotation.Relationship.Direction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-made {@link DomainModel}: Person, Company, Address, and Employment, the
 * relationship-properties class of {@code Person.jobs}. Entities are compared by their
 * {@code id} (graph name {@code uid}).
 */
final class TestDomain implements DomainModel {

    /** An entity instance: just its id. */
    abstract static class Entity {
        final Object id;

        Entity(Object id) {
            this.id = id;
        }
    }

    static final class Person extends Entity {
        Person(Object id) {
            super(id);
        }
    }

    static final class Company extends Entity {
        Company(Object id) {
            super(id);
        }
    }

    static final class Address extends Entity {
        Address(Object id) {
            super(id);
        }
    }

    /** The properties of a WORKED_AT relationship. */
    static final class Employment { }

    static final TestDomain MODEL = new TestDomain()
            .simple(Person.class, "name", "name", String.class)
            .simple(Person.class, "age", "age", int.class)
            .simple(Person.class, "email", "email_address", String.class)
            .simple(Person.class, "nickname", "nickname", String.class)
            .simple(Person.class, "firstName", "first_name", String.class)
            .simple(Person.class, "lastName", "last_name", String.class)
            .simple(Person.class, "description", "description", String.class)
            .simple(Person.class, "active", "active", Boolean.class)
            .simple(Person.class, "loggedIn", "logged_in", boolean.class)
            .collection(Person.class, "tags", "tags", List.class)
            .simple(Person.class, "score", "score", double.class)
            .simple(Person.class, "birthDate", "birth_date", LocalDate.class)
            .simple(Person.class, "employerName", "employerName", String.class)
            .simple(Person.class, "originCountry", "origin_country", String.class)
            .simple(Person.class, "addressZip", "address_zip", String.class)
            .simple(Person.class, "URL", "url", String.class)
            .simple(Person.class, "initial", "initial", char.class)
            .relationship(Person.class, "employer", "WORKS_AT", Direction.OUTGOING, Company.class, false, null)
            .relationship(Person.class, "address", "LIVES_AT", Direction.OUTGOING, Address.class, false, null)
            .relationship(Person.class, "friends", "KNOWS", Direction.UNDIRECTED, Person.class, true, null)
            .relationship(Person.class, "jobs", "WORKED_AT", Direction.OUTGOING, Company.class, true, Employment.class)
            .relationship(Person.class, "followers", "FOLLOWS", Direction.INCOMING, Person.class, true, null)
            .simple(Employment.class, "role", "role", String.class)
            .simple(Employment.class, "since", "since", long.class)
            .simple(Employment.class, "current", "current", boolean.class)
            .simple(Company.class, "name", "name", String.class)
            .relationship(Company.class, "address", "LOCATED_AT", Direction.OUTGOING, Address.class, false, null)
            .simple(Company.class, "founded", "founded", int.class)
            .simple(Company.class, "role", "role", String.class)
            .simple(Address.class, "city", "city", String.class)
            .simple(Address.class, "zip", "zip", String.class)
            .simple(Address.class, "zipCode", "zip_code", String.class);

    private final Map<Class<?>, Map<String, PropertyRef>> properties = new LinkedHashMap<>();

    TestDomain simple(Class<?> owner, String javaName, String graphName, Class<?> type) {
        return add(PropertyRef.simple(owner, javaName, graphName, type, false));
    }

    TestDomain collection(Class<?> owner, String javaName, String graphName, Class<?> type) {
        return add(PropertyRef.simple(owner, javaName, graphName, type, true));
    }

    TestDomain relationship(Class<?> owner, String javaName, String type, Direction direction, Class<?> target,
                            boolean collection, Class<?> edge) {
        return add(PropertyRef.relationship(owner, javaName, target, collection,
                new PropertyRef.Hop(type, direction, target.getSimpleName(), edge, "uid", e -> ((Entity) e).id)));
    }

    TestDomain add(PropertyRef p) {
        properties.computeIfAbsent(p.owner(), k -> new LinkedHashMap<>()).put(p.javaName(), p);
        return this;
    }

    /** The property, or an exception (for building expectations). */
    PropertyRef ref(Class<?> owner, String javaName) {
        return property(owner, javaName).orElseThrow(() -> new IllegalArgumentException(javaName));
    }

    @Override
    public Optional<PropertyRef> property(Class<?> owner, String javaName) {
        return Optional.ofNullable(properties.getOrDefault(owner, Map.of()).get(javaName));
    }

    @Override
    public List<String> propertyNames(Class<?> owner) {
        return new ArrayList<>(properties.getOrDefault(owner, Map.of()).keySet());
    }
}
