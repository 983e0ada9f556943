package dev.falkor.orm.core.internal.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-made {@link DomainModel}: Person, Company, Address. */
final class TestDomain implements DomainModel {

    static final class Person { }

    static final class Company { }

    static final class Address { }

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
            .relationship(Person.class, "employer", Company.class, false)
            .relationship(Person.class, "address", Address.class, false)
            .relationship(Person.class, "friends", Person.class, true)
            .simple(Company.class, "name", "name", String.class)
            .relationship(Company.class, "address", Address.class, false)
            .simple(Company.class, "founded", "founded", int.class)
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

    TestDomain relationship(Class<?> owner, String javaName, Class<?> target, boolean collection) {
        return add(new PropertyRef(owner, javaName, javaName.toUpperCase(), collection ? List.class : target,
                collection, true, target));
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
