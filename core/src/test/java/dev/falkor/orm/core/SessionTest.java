package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.CommitException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.Session;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Unique;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions: identity map, automatic dirty checking, one-batch flushes, rollback; checked with plain Cypher. */
class SessionTest extends GraphTestSupport {
    private final AtomicInteger writes = new AtomicInteger();

    @Node("SsPerson")
    public static class Person {
        @Id public Long id;
        public String name;
        @Unique public String email;
        public int age;
        @Relationship(type = "SS_KNOWS") public List<Person> friends = new ArrayList<>();

        public Person() {
        }

        Person(long id, String name, String email) {
            this.id = id;
            this.name = name;
            this.email = email;
        }
    }

    interface People extends Repository<Person, Long> {
        List<Person> findByName(String name);
    }

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.decorateExecutor(next -> new dev.falkor.orm.core.internal.exec.Executor.Forwarding(next) {
            @Override
            public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery query) {
                if (!query.readOnly() && !query.cypher().startsWith("CREATE INDEX") && !query.cypher().startsWith("CREATE (n {")) {
                    writes.incrementAndGet();
                }
                return super.execute(query);
            }
        });
    }

    private People people;

    @BeforeEach
    void seed() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        people = orm.repository(People.class);
        Person ann = new Person(1, "ann", "ann@x");
        Person bob = new Person(2, "bob", "bob@x");
        ann.friends.add(bob);
        people.saveAll(List.of(ann, bob, new Person(3, "cat", "cat@x")));
        writes.set(0);
    }

    private String graphDump() {
        return cypher("MATCH (n:SsPerson) OPTIONAL MATCH (n)-[r]->(m) RETURN n.id, n.name, n.email, n.age, m.id "
                + "ORDER BY n.id, m.id", Map.of()).rows().toString();
    }

    @Test
    void oneObjectPerNodeHoweverItIsRead() {
        try (Session s = orm.openSession()) {
            Person byId = s.find(Person.class, 1L).orElseThrow();
            assertSame(byId, s.find(Person.class, 1L).orElseThrow());
            assertSame(byId, people.findById(1L).orElseThrow(), "a repository on the session's thread joins it");
            assertSame(byId, people.findByName("ann").get(0), "so does a derived query");
            Person bob = s.find(Person.class, 2L).orElseThrow();
            Person annWithFriends = people.findById(1L, FetchPlan.of("friends")).orElseThrow();
            assertSame(byId, annWithFriends);
            assertSame(bob, people.findById(2L).orElseThrow());
            assertTrue(s.contains(bob));
        }
        assertFalse(people.findById(1L).orElseThrow() == people.findById(1L).orElseThrow(),
                "outside a session each read builds its own object");
    }

    @Test
    void anUnchangedSessionWritesNothingAndAChangeWritesOnce() {
        try (Session s = orm.openSession()) {
            s.find(Person.class, 1L).orElseThrow();
            s.find(Person.class, 3L).orElseThrow().friends.size(); // loaded, unchanged
            s.commit();
            assertEquals(0, writes.get(), "nothing changed: nothing sent");
            Person cat = s.find(Person.class, 3L).orElseThrow();
            cat.age = 7;
            s.commit();
            assertEquals(1, writes.get(), "one statement for the change");
            assertEquals(7L, scalar("MATCH (n:SsPerson {id: 3}) RETURN n.age", Map.of()).asJava());
            s.commit();
            assertEquals(1, writes.get(), "flushed: nothing left to write");
        }
    }

    @Test
    void relationshipChangesAreFoundWithoutMarking() {
        try (Session s = orm.openSession()) {
            Person ann = s.find(Person.class, 1L).orElseThrow();
            Person cat = s.find(Person.class, 3L).orElseThrow();
            ann.friends.remove(0); // bob
            ann.friends.add(cat);
            s.commit();
        }
        assertEquals(List.of(3L), cypher("MATCH (:SsPerson {id: 1})-[:SS_KNOWS]->(m) RETURN m.id", Map.of()).rows()
                .stream().map(r -> r.get(0).asJava()).toList());
        assertEquals(1, writes.get());
    }

    @Test
    void aFailingCommitLeavesTheGraphAsItWas() {
        String before = graphDump();
        try (Session s = orm.openSession()) {
            Person ann = s.find(Person.class, 1L).orElseThrow();
            Person cat = s.find(Person.class, 3L).orElseThrow();
            ann.name = "ann renamed";
            ann.friends.add(cat);
            s.persist(new Person(4, "dan", "dan@x"));
            cat.email = "bob@x"; // taken: the unique constraint fails the statement
            CommitException e = assertThrows(CommitException.class, s::commit);
            assertTrue(e.getCause() instanceof ConstraintViolationException, e.toString());
            assertFalse(e.applied(), "one statement: nothing applied");
        }
        assertEquals(before, graphDump(), "the whole graph is as it was");
    }

    @Test
    void persistAndRemoveInTheSameFlush() {
        try (Session s = orm.openSession()) {
            s.persist(new Person(4, "dan", "dan@x"));
            s.remove(s.find(Person.class, 3L).orElseThrow());
            s.commit();
        }
        assertEquals(1, count("(:SsPerson {id: 4})"));
        assertEquals(0, count("(:SsPerson {id: 3})"));
        assertEquals(1, writes.get(), "one statement");
    }

    @Test
    void rollbackRestoresWhatWasRead() {
        try (Session s = orm.openSession()) {
            Person ann = s.find(Person.class, 1L).orElseThrow();
            ann.name = "changed";
            ann.age = 99;
            Person bob = ann.friends.get(0);
            ann.friends.clear();
            ann.friends.add(s.find(Person.class, 3L).orElseThrow());
            s.persist(new Person(5, "eve", "eve@x"));
            s.rollback();
            assertEquals("ann", ann.name);
            assertEquals(0, ann.age);
            assertEquals(List.of(bob), ann.friends, "the relationship is as read");
            s.commit();
        }
        assertEquals(0, writes.get());
        assertEquals(0, count("(:SsPerson {id: 5})"));
    }

    @Test
    void detachedEntitiesAreNotWritten() {
        try (Session s = orm.openSession()) {
            Person ann = s.find(Person.class, 1L).orElseThrow();
            s.detach(ann);
            ann.name = "not saved";
            s.commit();
        }
        assertEquals("ann", scalar("MATCH (n:SsPerson {id: 1}) RETURN n.name", Map.of()).asJava());
    }

    @Test
    void unreferencedEntitiesAreDropped() {
        cypher("UNWIND range(100, 5099) AS i CREATE (:SsPerson {id: i, name: 'p' + toString(i)})", Map.of());
        try (Session s = orm.openSession()) {
            for (long i = 100; i < 5100; i++) {
                s.find(Person.class, i).orElseThrow(); // read and let go
            }
            dev.falkor.orm.core.internal.session.UnitOfWork u = (dev.falkor.orm.core.internal.session.UnitOfWork) s;
            for (int attempt = 0; attempt < 20 && u.size() > 1000; attempt++) {
                System.gc();
            }
            assertTrue(u.size() < 5000, "the session keeps only what is referenced: " + u.size());
        }
    }

    @Test
    void oneSessionPerThread() {
        try (Session s = orm.openSession()) {
            assertThrows(IllegalStateException.class, orm::openSession);
            s.clear(); // still the open one
        }
        orm.openSession().close();
    }
}
