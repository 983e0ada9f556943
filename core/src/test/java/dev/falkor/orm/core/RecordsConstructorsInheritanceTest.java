package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.core.model.Animal;
import dev.falkor.orm.core.model.AnimalRepository;
import dev.falkor.orm.core.model.Book;
import dev.falkor.orm.core.model.BookRepository;
import dev.falkor.orm.core.model.City;
import dev.falkor.orm.core.model.CityRepository;
import dev.falkor.orm.core.model.Dog;
import dev.falkor.orm.core.model.DogRepository;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.StringValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsConstructorsInheritanceTest extends GraphTestSupport {

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.entities(dev.falkor.orm.core.model.Dog.class);
    }

    @Test
    void recordsMapWithAllLabelsAndUniqueIds() {
        CityRepository cities = orm.repository(CityRepository.class);
        City dublin = new City("DUB", "Dublin", 592_713, 117.8, List.of("D1", "D2"));
        cities.save(dublin);
        cities.save(new City("DUB", "Baile Átha Cliath", 592_714, 0.1 + 0.2, List.of()));
        assertEquals(1, count("(c:City:Place)"));
        NodeValue n = (NodeValue) scalar("MATCH (c:City) RETURN c", Map.of());
        assertEquals(List.of("City", "Place"), n.labels());
        assertEquals(new StringValue("DUB"), n.property("code"));
        City loaded = cities.findById("DUB").orElseThrow();
        assertEquals(new City("DUB", "Baile Átha Cliath", 592_714, 0.1 + 0.2, List.of()), loaded);

        // @Unique on the id: the server itself refuses a second node with that id
        assertEquals(1, count("(x) WHERE x:City")); // sanity
        assertThrows(ConstraintViolationException.class,
                () -> cypher("CREATE (:City {code: 'DUB'})", Map.of()));
        ListValue constraint = (ListValue) scalar("CALL db.constraints() YIELD label, properties, status "
                + "WHERE label = 'City' RETURN [properties, status]", Map.of());
        assertEquals(new ListValue(List.of(new ListValue(List.of(new StringValue("code"))), new StringValue("OPERATIONAL"))),
                constraint);
    }

    @Test
    void annotatedConstructorsAndFinalFields() {
        BookRepository books = orm.repository(BookRepository.class);
        Book b = new Book(9780131103627L, "The C Programming Language");
        b.note("classic");
        books.save(b);
        Book loaded = books.findById(9780131103627L).orElseThrow();
        assertEquals("The C Programming Language", loaded.title());
        assertEquals("classic", loaded.note());
        assertEquals(1, count("(b:Book {isbn: 9780131103627})"));
    }

    @Test
    void subclassesInheritFieldsAndLabelsAndReadPolymorphically() {
        DogRepository dogs = orm.repository(DogRepository.class);
        AnimalRepository animals = orm.repository(AnimalRepository.class);
        Dog rex = dogs.save(new Dog("Rex", true));
        Animal cat = animals.save(new Animal("Tom"));
        assertNotNull(rex.getId());
        NodeValue node = (NodeValue) scalar("MATCH (d:Dog) RETURN d", Map.of());
        assertEquals(List.of("Animal", "Dog"), node.labels().stream().sorted().toList());
        assertEquals(new StringValue("Rex"), node.property("name"), "inherited field stored");
        assertEquals(2, count("(a:Animal)"));
        assertEquals(1, count("(d:Dog)"));

        Animal loaded = animals.findById(rex.getId()).orElseThrow();
        Dog asDog = assertInstanceOf(Dog.class, loaded, "the most specific registered type is created");
        assertTrue(asDog.isGoodBoy());
        assertEquals("Tom", animals.findById(cat.getId()).orElseThrow().getName());
        assertTrue(dogs.findById(cat.getId()).isEmpty(), "a plain Animal is not a Dog");

        // Saving the dog again through either repository keeps one node (MERGE on the root label)
        animals.save(loaded);
        dogs.save(asDog);
        assertEquals(2, count("(a:Animal)"));
    }
}
