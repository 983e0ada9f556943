package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.core.model.Person;
import dev.falkor.orm.core.model.PersonRepository;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.value.VectorValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryCrudTest extends GraphTestSupport {
    private PersonRepository people;

    @BeforeEach
    void clean() {
        people = orm.repository(PersonRepository.class);
        cypher("MATCH (n) DELETE n", Map.of());
    }

    private static Person fullPerson() {
        Person p = new Person("Ann \"the 'quoted'\" O'Hara", 41);
        p.setScore(7);
        p.setBalance(0.1 + 0.2);
        p.setRatio(1.0000000000000002);
        p.setWeight(61.7f);
        p.setActive(true);
        p.setBig(Long.MIN_VALUE);
        p.setEmail("ann@example.com");
        p.setCountry("IE");
        p.setTags(List.of("a", "b b", "c\"c"));
        p.setNumbers(new LinkedHashSet<>(List.of(3L, 1L, Long.MAX_VALUE)));
        p.setReadings(List.of(Math.PI, -Double.MIN_VALUE, 1e300));
        p.setSamples(new double[] {0.1, 0.7, Double.MAX_VALUE});
        p.setEmbedding(new float[] {0.25f, -1.5f, 3.0f});
        p.setAttributes(Map.of("eyes", "green", "hair.colour", "red"));
        p.setInitial('A');
        p.setScratch("not stored");
        p.setAlsoScratch("not stored either");
        return p;
    }

    @Test
    void saveCreatesExactlyTheExpectedNode() {
        Person saved = people.save(fullPerson());
        assertNotNull(saved.getId(), "generated id assigned");

        NodeValue node = (NodeValue) scalar("MATCH (n:Person) RETURN n", Map.of());
        assertEquals(List.of("Person"), node.labels());
        assertEquals(new StringValue(saved.getId().toString()), node.property("id"), "UUIDs are stored as strings");
        assertEquals(new StringValue("Ann \"the 'quoted'\" O'Hara"), node.property("name"));
        assertEquals(new IntegerValue(41), node.property("age"));
        assertEquals(new StringValue("ann@example.com"), node.property("mail"), "@Property renames");
        assertEquals(new StringValue("green"), node.property("attributes.eyes"), "maps are flattened");
        assertEquals(new StringValue("red"), node.property("attributes.hair.colour"));
        assertEquals(new StringValue("A"), node.property("initial"));
        assertTrue(node.property("embedding") instanceof VectorValue, "float[] stored as vecf32");
        assertEquals(new ListValue(List.of(new StringValue("a"), new StringValue("b b"), new StringValue("c\"c"))),
                node.property("tags"));
        Set<String> keys = node.properties().keySet();
        assertFalse(keys.contains("email"));
        assertFalse(keys.contains("scratch"), "@Transient not stored");
        assertFalse(keys.contains("alsoScratch"), "transient not stored");
        assertEquals(new StringValue("IE"), scalar("MATCH (n:Person) RETURN n.country", Map.of()));
        assertEquals(1, count("(n)"));
    }

    @Test
    void everyFieldRoundTripsExactly() {
        Person original = fullPerson();
        Person saved = people.save(original);
        Person loaded = people.findById(saved.getId()).orElseThrow();
        assertEquals(saved.getId(), loaded.getId());
        assertEquals(original.getName(), loaded.getName());
        assertEquals(41, loaded.getAge());
        assertEquals(7, loaded.getScore());
        assertEquals(Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(loaded.getBalance()),
                "doubles come back bit-for-bit, although the server prints 15 digits");
        assertEquals(1.0000000000000002, loaded.getRatio());
        assertEquals(61.7f, loaded.getWeight());
        assertTrue(loaded.isActive());
        assertEquals(Long.MIN_VALUE, loaded.getBig());
        assertEquals("ann@example.com", loaded.getEmail());
        assertEquals("IE", loaded.getCountry());
        assertEquals(original.getTags(), loaded.getTags());
        assertEquals(original.getNumbers(), loaded.getNumbers());
        assertEquals(original.getReadings(), loaded.getReadings());
        assertArrayEquals(original.getSamples(), loaded.getSamples());
        assertArrayEquals(original.getEmbedding(), loaded.getEmbedding());
        assertEquals(original.getAttributes(), loaded.getAttributes());
        assertEquals('A', loaded.getInitial());
        assertNull(loaded.getScratch());
        assertNull(loaded.getAlsoScratch());
    }

    @Test
    void savingTwiceUpdatesAndNeverDuplicates() {
        Person p = people.save(new Person("Bob", 30));
        p.setAge(31);
        p.setEmail("bob@example.com");
        people.save(p);
        people.save(p);
        assertEquals(1, count("(n:Person)"));
        assertEquals(new IntegerValue(31), scalar("MATCH (n:Person) RETURN n.age", Map.of()));

        // A property set to null is removed from the node.
        p.setEmail(null);
        people.save(p);
        assertEquals(1, count("(n:Person) WHERE n.mail IS NULL"));
        // Saving a fresh object that carries an existing id updates that node too.
        Person copy = new Person("Robert", 32);
        copy.setId(p.getId());
        people.save(copy);
        assertEquals(1, count("(n:Person)"));
        assertEquals(new StringValue("Robert"), scalar("MATCH (n:Person) RETURN n.name", Map.of()));
    }

    @Test
    void saveAllWritesInBatchesAndHandlesRepeats() {
        List<Person> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add(new Person("p" + i, i % 90));
        }
        List<Person> saved = people.saveAll(many);
        assertEquals(2500, saved.size());
        assertEquals(2500, count("(n:Person)"));
        assertEquals(2500, ((IntegerValue) scalar("MATCH (n:Person) RETURN count(DISTINCT n.id)", Map.of())).value());
        // the same entity twice in one call: last state wins, one node
        Person x = saved.get(0);
        x.setAge(99);
        people.saveAll(List.of(x, x));
        assertEquals(2500, count("(n:Person)"));
        assertEquals(new IntegerValue(99), scalar("MATCH (n:Person {id: $id}) RETURN n.age",
                Map.of("id", x.getId().toString())));
    }

    @Test
    void findCountExistsAndDelete() {
        Person a = people.save(new Person("A", 1));
        Person b = people.save(new Person("B", 2));
        Person c = people.save(new Person("C", 3));
        cypher("MATCH (x:Person {id: $a}), (y:Person {id: $b}) CREATE (x)-[:KNOWS]->(y)",
                Map.of("a", a.getId().toString(), "b", b.getId().toString()));

        assertEquals(3, people.count());
        assertTrue(people.existsById(a.getId()));
        assertFalse(people.existsById(UUID.randomUUID()));
        assertTrue(people.findById(UUID.randomUUID()).isEmpty());
        assertEquals(Set.of("A", "C"), names(people.findAllById(List.of(a.getId(), c.getId(), UUID.randomUUID()))));
        assertEquals(Set.of("A", "B", "C"), names(people.findAll()));

        people.deleteById(a.getId());
        assertEquals(2, count("(n:Person)"));
        assertEquals(0, count("()-[:KNOWS]->()"), "deleting detaches relationships");
        people.deleteById(a.getId()); // absent: no error
        people.delete(b);
        assertEquals(List.of("C"), List.copyOf(names(people.findAll())));
        Person d = people.save(new Person("D", 4));
        people.deleteAll(List.of(c, d));
        assertEquals(0, count("(n:Person)"));
        people.saveAll(List.of(new Person("E", 5), new Person("F", 6)));
        cypher("CREATE (:Other)", Map.of());
        people.deleteAll();
        assertEquals(0, count("(n:Person)"));
        assertEquals(1, count("(n:Other)"), "deleteAll touches only its own label");
    }

    @Test
    void defaultMethodsOnTheRepositoryWork() {
        Person p = people.save(new Person("Old", 5));
        people.rename(p.getId(), "New");
        assertEquals(new StringValue("New"), scalar("MATCH (n:Person) RETURN n.name", Map.of()));
    }

    @Test
    void invalidEntitiesAreRejectedBeforeAnythingIsStored() {
        people.save(new Person("Existing", 1));
        Person bad = new Person("Bad", 2);
        bad.setTags(Arrays.asList("ok", null));
        InvalidEntityException e = assertThrows(InvalidEntityException.class,
                () -> people.saveAll(List.of(new Person("Good", 3), bad)));
        assertTrue(e.getMessage().contains("Person.tags"), e.getMessage());
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        Person nul = new Person("Nul", 4);
        nul.setName("a\0b");
        assertThrows(RuntimeException.class, () -> people.save(nul));
        Person nan = new Person("NaN", 5);
        nan.setBalance(Double.NaN);
        assertThrows(RuntimeException.class, () -> people.save(nan));
        assertEquals(List.of("Existing"), List.copyOf(names(people.findAll())), "nothing of a failed batch was stored");
    }

    @Test
    void idIsIndexed() {
        List<String> lines = new ArrayList<>();
        for (Object row : (List<?>) transport.command("GRAPH.EXPLAIN", graph, "CYPHER id=\"x\" MATCH (n:`Person`) WHERE n.`id` = $id RETURN n")) {
            lines.add(String.valueOf(row));
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("Index Scan")), "lookup by id uses the index: " + lines);
        MapValue m = (MapValue) scalar("CALL db.indexes() YIELD label, properties WHERE label = 'Person' "
                + "RETURN {label: label, properties: properties}", Map.of());
        assertEquals(new ListValue(List.of(new StringValue("id"))), m.get("properties"));
    }

    private static Set<String> names(List<Person> list) {
        Set<String> out = new LinkedHashSet<>();
        list.forEach(p -> out.add(p.getName()));
        return out;
    }
}
