package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.Session;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Review of sessions: cases SessionTest does not cover. Checked with plain Cypher. */
class SessionReviewTest extends GraphTestSupport {
    private final AtomicInteger writes = new AtomicInteger();

    @Node("SrCo")
    public static class Co {
        @Id public Long id;
        public String name;

        public Co() {
        }
    }

    /** Only a plain to-one relationship: no lazy container carries its stored state. */
    @Node("SrEmp")
    public static class Emp {
        @Id public Long id;
        public String name;
        @Relationship(type = "SR_WORKS_AT") public Co employer;

        public Emp() {
        }
    }

    interface Emps extends Repository<Emp, Long> {
        @Query("MATCH (e:SrEmp {id: $id}) OPTIONAL MATCH (e)-[:SR_WORKS_AT]->(c:SrCo) RETURN e, c AS employer")
        Optional<Emp> withEmployer(Long id);
    }

    @Node("SrPerson")
    public static class Person {
        @Id public Long id;
        public String name;
        public int age;

        public Person() {
        }
    }

    interface People extends Repository<Person, Long> {
    }

    @Node("SrTag")
    public record Tag(@Id @GeneratedValue String id, String name) {
    }

    @Node("SrDoc")
    public record Doc(@Id Long id, String title, @Version Long version,
                      @Relationship(type = "SR_REFS") List<Doc> refs) {
    }

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.decorateExecutor(next -> new dev.falkor.orm.core.internal.exec.Executor.Forwarding(next) {
            @Override
            public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery query) {
                if (!query.readOnly() && !query.cypher().startsWith("CREATE INDEX")
                        && !query.cypher().startsWith("CREATE (n {")) {
                    writes.incrementAndGet();
                }
                return super.execute(query);
            }
        });
    }

    private Emps emps;
    private People people;

    @BeforeEach
    void seed() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        emps = orm.repository(Emps.class);
        people = orm.repository(People.class);
        cypher("CREATE (:SrEmp {id: 1, name: 'e1'})-[:SR_WORKS_AT]->(:SrCo {id: 10, name: 'acme'}), "
                + "(:SrCo {id: 11, name: 'initech'}), (:SrPerson {id: 1, name: 'ann', age: 1})", Map.of());
        writes.set(0);
    }

    private List<Object> employerOf(long id) {
        return cypher("MATCH (:SrEmp {id: $id})-[:SR_WORKS_AT]->(c) RETURN c.id", Map.of("id", id)).rows().stream()
                .map(r -> r.get(0).asJava()).toList();
    }

    /**
     * A read with a fetch plan of an already managed entity records the fetched relationship as
     * stored for the managed instance, but does not fill the instance's field: the commit then sees
     * a removed relationship and deletes it, though nothing was changed.
     */
    @Test
    void aLaterFetchOfAToOneDoesNotMakeTheCommitDeleteIt() {
        try (Session s = orm.openSession()) {
            Emp e = s.find(Emp.class, 1L).orElseThrow();
            assertSame(e, emps.findById(1L, FetchPlan.of("employer")).orElseThrow());
            s.commit();
        }
        assertEquals(List.of(10L), employerOf(1), "nothing was changed: the relationship stays");
        assertEquals(0, writes.get(), "nothing was changed: nothing is written");
    }

    /** The same read: the fetched relationship is not put into the managed instance. */
    @Test
    void aLaterFetchFillsTheManagedInstance() {
        try (Session s = orm.openSession()) {
            Emp e = s.find(Emp.class, 1L).orElseThrow();
            Emp fetched = emps.findById(1L, FetchPlan.of("employer")).orElseThrow();
            assertSame(e, fetched);
            assertNotNull(fetched.employer, "the read asked for the employer");
        }
    }

    /**
     * A plain re-read of a managed entity whose to-one was fetched replaces the stored state the
     * mapper keeps for it with one knowing no relationships: the commit writes an unchanged entity.
     */
    @Test
    void aPlainReReadMakesNoSpuriousWrite() {
        try (Session s = orm.openSession()) {
            Emp e = emps.findById(1L, FetchPlan.of("employer")).orElseThrow();
            assertNotNull(e.employer);
            assertSame(e, emps.findById(1L).orElseThrow());
            s.commit();
        }
        assertEquals(0, writes.get(), "nothing was changed: nothing is written");
        assertEquals(List.of(10L), employerOf(1));
    }

    /** A query filling the to-one of a managed entity overwrites the unflushed change to it. */
    @Test
    void aQueryDoesNotOverwriteAnUnflushedToOne() {
        try (Session s = orm.openSession()) {
            Emp e = emps.findById(1L, FetchPlan.of("employer")).orElseThrow();
            Co initech = s.find(Co.class, 11L).orElseThrow();
            e.employer = initech; // not flushed yet
            assertSame(e, emps.withEmployer(1L).orElseThrow());
            assertSame(initech, e.employer, "a read must not replace the managed instance's unflushed change");
            s.commit();
        }
        assertEquals(List.of(11L), employerOf(1), "the change is written");
    }

    /** Two new records with generated ids and equal content: persist compares with equals. */
    @Test
    void twoEqualNewRecordsAreBothPersisted() {
        try (Session s = orm.openSession()) {
            s.persist(new Tag(null, "x"));
            s.persist(new Tag(null, "x"));
            s.commit();
        }
        assertEquals(2, count("(:SrTag)"), "two entities persisted: two nodes");
    }

    /**
     * A versioned record would get a new instance on every save, which a flush cannot hand back
     * to the caller: a session refuses to write one (nothing written) instead of orphaning it.
     */
    @Test
    void aSessionRefusesToWriteAVersionedRecord() {
        cypher("CREATE (:SrDoc {id: 1, title: 'a', version: 1}), (:SrDoc {id: 2, title: 'b', version: 1})", Map.of());
        try (Session s = orm.openSession()) {
            Doc a = s.find(Doc.class, 1L).orElseThrow();
            a.refs().add(s.find(Doc.class, 2L).orElseThrow());
            IllegalStateException e = assertThrows(IllegalStateException.class, s::commit);
            assertTrue(e.getMessage().contains("@Version"), e.getMessage());
            assertTrue(s.contains(a), "the caller's instance is still managed");
            assertSame(a, s.find(Doc.class, 1L).orElseThrow());
            assertThrows(IllegalStateException.class, () -> s.persist(new Doc(3L, "c", 0L, new java.util.ArrayList<>())));
        }
        assertEquals(1L, scalar("MATCH (n:SrDoc {id: 1}) RETURN n.version", Map.of()).asJava());
        assertEquals(0, count("(:SrDoc {id: 1})-[]->()"), "nothing was written");
    }

    /**
     * Closing a session from another thread leaves it bound to the thread that opened it, for good:
     * close() on the owner thread is then a no-op, reads there are still joined to the closed
     * session and the thread can never open another one. (Run on a thread of its own, since the
     * binding cannot be undone.)
     */
    @Test
    void closingOnAnotherThreadFreesTheOwnerThread() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread owner = new Thread(() -> {
            try {
                Session s = orm.openSession();
                Thread closer = new Thread(s::close);
                closer.start();
                closer.join();
                s.close(); // no-op: already closed
                Person a = people.findById(1L).orElseThrow();
                Person b = people.findById(1L).orElseThrow();
                assertTrue(a != b, "the session is closed: reads are no longer joined to it");
                orm.openSession().close(); // IllegalStateException: "A session is already open on this thread"
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        owner.start();
        owner.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** A repository delete inside a session leaves the entity managed: find still returns it. */
    @Test
    void aRepositoryDeleteInASessionIsSeenByFind() {
        try (Session s = orm.openSession()) {
            Person ann = s.find(Person.class, 1L).orElseThrow();
            people.delete(ann);
            assertEquals(0, count("(:SrPerson {id: 1})"));
            assertTrue(s.find(Person.class, 1L).isEmpty(), "the node is deleted");
        }
    }

    /** A repository delete of a changed managed entity: the commit writes the entity back. */
    @Test
    void aRepositoryDeleteInASessionIsNotUndoneByTheCommit() {
        try (Session s = orm.openSession()) {
            Person ann = s.find(Person.class, 1L).orElseThrow();
            ann.age = 5;
            people.delete(ann);
            s.commit();
        }
        assertEquals(0, count("(:SrPerson {id: 1})"), "deleted in the session: the commit must not bring it back");
    }

    // -- checks that are expected to pass (kept as regression cover) --

    @Node("SrGen")
    public static class Gen {
        @Id @GeneratedValue public String id;
        public String name;
        @Version public Long version;

        public Gen() {
        }
    }

    @Test
    void aGeneratedIdVersionedEntityPersistedThenChangedAcrossFlushes() {
        Gen g = new Gen();
        g.name = "a";
        try (Session s = orm.openSession()) {
            s.persist(g);
            s.commit();
            assertNotNull(g.id);
            g.name = "b";
            s.commit();
            g.name = "c";
            s.commit();
            int before = writes.get();
            s.commit();
            assertEquals(before, writes.get(), "nothing left to write");
            assertSame(g, s.find(Gen.class, g.id).orElseThrow());
        }
        assertEquals("c", scalar("MATCH (n:SrGen) RETURN n.name", Map.of()).asJava());
        assertEquals(3L, scalar("MATCH (n:SrGen) RETURN n.version", Map.of()).asJava());
        assertEquals(3L, g.version);
    }

    @Test
    void removingAChangedEntityDeletesIt() {
        try (Session s = orm.openSession()) {
            Person ann = s.find(Person.class, 1L).orElseThrow();
            ann.name = "changed";
            s.remove(ann);
            s.commit();
            assertTrue(!s.contains(ann));
        }
        assertEquals(0, count("(:SrPerson {id: 1})"));
        assertEquals(1, writes.get());
    }

    @dev.falkor.orm.api.annotation.RelationshipProperties
    public record Job(@dev.falkor.orm.api.annotation.TargetNode Co company, int since, double share) {
    }

    @Node("SrWorker")
    public static class Worker {
        @Id public Long id;
        public String name;
        @Relationship(type = "SR_JOB") public List<Job> jobs = new java.util.ArrayList<>();

        public Worker() {
        }
    }

    @Test
    void relationshipPropertiesLoadedInASessionAreNotRewritten() {
        cypher("MATCH (c:SrCo {id: 10}) CREATE (:SrWorker {id: 1, name: 'w'})-[:SR_JOB {since: 2001, share: 0.5}]->(c)",
                Map.of());
        writes.set(0);
        try (Session s = orm.openSession()) {
            Worker w = s.find(Worker.class, 1L).orElseThrow();
            assertEquals(1, w.jobs.size());
            s.commit();
            assertEquals(0, writes.get(), "unchanged: nothing written");
            Job j = w.jobs.get(0);
            w.jobs.set(0, new Job(j.company(), 2002, j.share()));
            s.commit();
            assertEquals(1, writes.get());
            s.commit();
            assertEquals(1, writes.get(), "flushed: nothing left");
        }
        assertEquals(2002L, scalar("MATCH (:SrWorker)-[r:SR_JOB]->() RETURN r.since", Map.of()).asJava());
    }
}
