package dev.falkor.orm.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extension as a user writes it: a mapper and a graph of the class's own, read back with plain Cypher. */
@FalkorDBTest(entities = FalkorDBExtensionTest.Person.class)
class FalkorDBExtensionTest {

    @Node("JxPerson")
    public static class Person {
        @Id Long id;
        String name;

        Person() {
        }

        Person(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    interface People extends Repository<Person, Long> {
    }

    private FalkorOrm seenBefore;

    @BeforeEach
    void clean(FalkorOrm orm) {
        orm.query("MATCH (n) DETACH DELETE n").write().execute();
        seenBefore = orm;
    }

    @Test
    void aTestGetsAMapperOnAGraphOfItsClass(FalkorOrm orm, TestGraph graph) {
        assertSame(seenBefore, orm, "one mapper per class");
        assertTrue(graph.name().contains("FalkorDBExtensionTest"), graph.name());
        orm.repository(People.class).save(new Person(1, "ann"));
        assertEquals(1L, orm.query("MATCH (p:JxPerson {name: 'ann'}) RETURN count(p)").one(Long.class).orElseThrow());
        assertTrue(orm.transport().listGraphs().contains(graph.name()));
    }

    @Test
    void theGraphIsSharedByTheClassAndCleanedByTheTest(FalkorOrm orm) {
        assertEquals(0L, orm.query("MATCH (p:JxPerson) RETURN count(p)").one(Long.class).orElseThrow());
    }
}
