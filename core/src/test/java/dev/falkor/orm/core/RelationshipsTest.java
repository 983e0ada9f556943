package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.core.RelationshipModel.Address;
import dev.falkor.orm.core.RelationshipModel.Company;
import dev.falkor.orm.core.RelationshipModel.CompanyRepository;
import dev.falkor.orm.core.RelationshipModel.Employment;
import dev.falkor.orm.core.RelationshipModel.Person;
import dev.falkor.orm.core.RelationshipModel.PersonRepository;
import dev.falkor.orm.spi.value.GraphValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saving and loading relationships, checked against the graph with plain Cypher: exact edge
 * counts and properties after every kind of change, and how many statements each call sends.
 */
class RelationshipsTest extends GraphTestSupport {
    private final AtomicInteger statements = new AtomicInteger();
    private final List<String> sentTexts = java.util.Collections.synchronizedList(new ArrayList<>());
    private PersonRepository people;
    private CompanyRepository companies;

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.entities(Person.class, Company.class, Address.class, RelationshipModel.Device.class,
                RelationshipModel.Team.class).decorateExecutor(next -> new dev.falkor.orm.core.internal.exec.Executor.Forwarding(next) {
            @Override
            public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery query) {
                statements.incrementAndGet();
                sentTexts.add(query.cypher());
                if (System.getProperty("debugq") != null) {
                    System.out.println("Q" + statements.get() + ": " + query.cypher());
                }
                return next.execute(query);
            }
        });
    }

    @BeforeEach
    void clean() {
        people = orm.repository(PersonRepository.class);
        companies = orm.repository(CompanyRepository.class);
        for (Class<?> type : List.of(Person.class, Company.class, Address.class, RelationshipModel.Device.class,
                RelationshipModel.Team.class)) {
            orm.internals().operations(type); // first use of a type checks its indexes once
        }
        people.save(new Person("warm-up", "first write: the mapper checks its schema once"));
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        statements.set(0);
    }

    private long edges(String type) {
        return count("()-[:" + type + "]->()");
    }

    private List<String> pairs(String type) {
        List<String> out = new ArrayList<>();
        for (List<GraphValue> row : cypher("MATCH (a)-[:" + type + "]->(b) RETURN a.id + '>' + b.id AS p ORDER BY p",
                Map.of()).rows()) {
            out.add(row.get(0).asJava().toString());
        }
        return out;
    }

    private int sent(Runnable r) {
        statements.set(0);
        sentTexts.clear();
        r.run();
        return statements.get();
    }

    /** True if the writer groups a write into one statement (the UNWIND module); false: one per entity. */
    protected boolean groupedWrites() {
        return true;
    }

    /** Runs {@code write}: one statement with a grouping writer, at least one otherwise. */
    private void assertOneWrite(Runnable write) {
        int n = sent(() -> write.run());
        if (groupedWrites()) {
            assertEquals(1, n, "one statement");
        } else {
            assertTrue(n >= 1, "statements: " + n);
        }
    }

    @Test
    void savingANewGraphCreatesNodesAndEdgesInOneStatement() {
        Person ann = new Person("ann", "Ann");
        Person bob = new Person("bob", "Bob");
        Company acme = new Company("acme", "Acme");
        ann.friends.add(bob);
        ann.employer = acme;
        ann.home = Ref.to(new Address("a1", "Paris"));
        ann.jobs = List.of(new Employment(new Company("old", "OldCo"), 2001, "dev", 0.1));
        assertOneWrite(() -> people.save(ann));
        assertEquals(5, count("(n)"));
        assertEquals(List.of("ann>bob"), pairs("KNOWS"));
        assertEquals(List.of("ann>acme"), pairs("WORKS_AT"));
        assertEquals(List.of("ann>a1"), pairs("LIVES_AT"));
        assertEquals(List.of("ann>old"), pairs("WORKED_AT"));
        assertEquals("dev", scalar("MATCH (:Person {id: 'ann'})-[r:WORKED_AT]->() RETURN r.role", Map.of()).asJava());
        // inverse side in memory
        assertNull(acme.staff, "a collection the caller never set is left alone");
        // unchanged re-save writes nothing about relationships
        people.save(ann);
        assertEquals(1, edges("KNOWS"));
        assertEquals(0, sent(() -> {}));
    }

    @Test
    void lazyAndEagerLoading() {
        Person ann = new Person("ann", "Ann");
        Person bob = new Person("bob", "Bob");
        Company acme = new Company("acme", "Acme");
        ann.friends.add(bob);
        ann.employer = acme;
        bob.employer = acme;
        people.saveAll(List.of(ann, bob));
        Person lazy = people.findById("ann").orElseThrow();
        assertNull(lazy.employer, "a plain to-one is filled only when fetched");
        int before = statements.get();
        assertEquals(1, lazy.friends.size());
        assertEquals(before + 1, statements.get(), "the lazy list loaded in one query");
        assertEquals("Bob", lazy.friends.get(0).name);
        Person eager = people.findById("ann", FetchPlan.of("friends.employer", "employer")).orElseThrow();
        assertEquals("Acme", eager.employer.name);
        assertEquals("Acme", eager.friends.get(0).employer.name);
        assertSame(eager.employer, eager.friends.get(0).employer, "one object per node within a read");
    }

    private Person reload(String id, String... paths) {
        return people.findById(id, FetchPlan.of(paths)).orElseThrow();
    }

    @Test
    void addRemoveReplaceClearNullAndUnchangedWriteOnlyTheDiff() {
        Person ann = new Person("ann", "Ann");
        for (String f : List.of("b", "c", "d")) {
            ann.friends.add(new Person(f, f.toUpperCase()));
        }
        ann.employer = new Company("acme", "Acme");
        people.save(ann);
        assertEquals(List.of("ann>b", "ann>c", "ann>d"), pairs("KNOWS"));

        // loaded, then: remove c, add e; only those two edges change
        Person loaded = reload("ann", "friends", "employer");
        long bEdge = ((Number) scalar("MATCH (:Person {id:'ann'})-[r:KNOWS]->(:Person {id:'b'}) RETURN id(r)",
                Map.of()).asJava()).longValue();
        loaded.friends.removeIf(p -> p.id.equals("c"));
        loaded.friends.add(new Person("e", "E"));
        people.save(loaded);
        assertEquals(List.of("ann>b", "ann>d", "ann>e"), pairs("KNOWS"));
        assertEquals(bEdge, ((Number) scalar("MATCH (:Person {id:'ann'})-[r:KNOWS]->(:Person {id:'b'}) RETURN id(r)",
                Map.of()).asJava()).longValue(), "an edge that did not change is not re-created");
        assertEquals(1, count("(:Person {id: 'c'})"), "removing a relationship keeps the related node");

        // unchanged re-save: no relationship statement part at all
        statements.set(0);
        people.save(loaded);
        assertEquals(1, statements.get());
        assertEquals(List.of("ann>b", "ann>d", "ann>e"), pairs("KNOWS"));

        // replace the employer, then null it
        loaded.employer = new Company("globex", "Globex");
        people.save(loaded);
        assertEquals(List.of("ann>globex"), pairs("WORKS_AT"));
        loaded.employer = null;
        people.save(loaded);
        assertEquals(0, edges("WORKS_AT"));
        assertEquals(2, count("(:Company)"), "nulling a to-one removes the edge, not the company");

        // clear the list
        loaded.friends.clear();
        people.save(loaded);
        assertEquals(0, edges("KNOWS"));
    }

    @Test
    void aRelationshipNeverLoadedIsNeverTouched() {
        Person ann = new Person("ann", "Ann");
        ann.friends.add(new Person("bob", "Bob"));
        ann.employer = new Company("acme", "Acme");
        ann.jobs = List.of(new Employment(new Company("old", "Old"), 1999, "dev", 0.5));
        people.save(ann);
        Person lazy = people.findById("ann").orElseThrow(); // nothing fetched
        lazy.name = "Ann B.";
        statements.set(0);
        people.save(lazy);
        assertEquals(1, statements.get());
        assertEquals("Ann B.", scalar("MATCH (p:Person {id:'ann'}) RETURN p.name", Map.of()).asJava());
        assertEquals(List.of("ann>bob"), pairs("KNOWS"));
        assertEquals(List.of("ann>acme"), pairs("WORKS_AT"), "a to-one not fetched (null) is left alone");
        assertEquals(List.of("ann>old"), pairs("WORKED_AT"));
    }

    @Test
    void detachedObjectsFollowTheDocumentedRules() {
        Person ann = new Person("ann", "Ann");
        ann.friends.add(new Person("bob", "Bob"));
        ann.friends.add(new Person("cy", "Cy"));
        ann.employer = new Company("acme", "Acme");
        ann.home = Ref.to(new Address("h1", "Paris"));
        people.save(ann);

        // a new instance for the same node, built by the caller: a non-null collection is the whole truth
        Person detached = new Person("ann", "Ann");
        detached.friends.add(new Person("cy", "Cy"));
        detached.friends.add(new Person("dee", "Dee"));
        // employer null and home null: not given, left alone
        people.save(detached);
        assertEquals(List.of("ann>cy", "ann>dee"), pairs("KNOWS"));
        assertEquals(List.of("ann>acme"), pairs("WORKS_AT"));
        assertEquals(List.of("ann>h1"), pairs("LIVES_AT"));

        // Ref.empty() and an empty collection remove; a given to-one replaces
        Person again = new Person("ann", "Ann");
        again.friends = new ArrayList<>();
        again.home = Ref.empty();
        again.employer = new Company("globex", "Globex");
        people.save(again);
        assertEquals(0, edges("KNOWS"));
        assertEquals(0, edges("LIVES_AT"));
        assertEquals(List.of("ann>globex"), pairs("WORKS_AT"));
    }

    @Test
    void relationshipPropertiesAreUpdatedInPlace() {
        Person ann = new Person("ann", "Ann");
        Company old = new Company("old", "Old");
        ann.jobs = new ArrayList<>(List.of(new Employment(old, 1999, "dev", 0.1), new Employment(
                new Company("new", "New"), 2010, "lead", 0.30000000000000004)));
        people.save(ann);
        assertEquals(2, edges("WORKED_AT"));
        Person loaded = reload("ann", "jobs");
        assertEquals(0.30000000000000004, loaded.jobs.stream().filter(j -> j.company().id.equals("new"))
                .findFirst().orElseThrow().share(), "relationship doubles are exact");
        long oldEdge = ((Number) scalar("MATCH (:Person {id:'ann'})-[r:WORKED_AT]->(:Company {id:'old'}) RETURN id(r)",
                Map.of()).asJava()).longValue();
        loaded.jobs.replaceAll(j -> j.company().id.equals("old") ? new Employment(j.company(), 1999, "architect", 0.2) : j);
        people.save(loaded);
        assertEquals(2, edges("WORKED_AT"));
        assertEquals("architect", scalar("MATCH (:Person {id:'ann'})-[r:WORKED_AT]->(:Company {id:'old'}) RETURN r.role",
                Map.of()).asJava());
        assertEquals(oldEdge, ((Number) scalar("MATCH (:Person {id:'ann'})-[r:WORKED_AT]->(:Company {id:'old'}) "
                + "RETURN id(r)", Map.of()).asJava()).longValue(), "updated in place, not re-created");
        assertEquals(2010L, scalar("MATCH (:Person {id:'ann'})-[r:WORKED_AT]->(:Company {id:'new'}) RETURN r.since",
                Map.of()).asJava());
    }

    @Test
    void cyclesAreWrittenOnceAndDirectionsAreKept() {
        Person ann = new Person("ann", "Ann");
        Person bob = new Person("bob", "Bob");
        ann.friends.add(bob);
        bob.friends.add(ann);
        ann.spouse = bob;
        bob.spouse = ann;
        assertOneWrite(() -> people.save(ann));
        assertEquals(2, count("(:Person)"));
        assertEquals(List.of("ann>bob", "bob>ann"), pairs("KNOWS"));
        assertEquals(1, edges("MARRIED_TO"), "an undirected relationship saved from both sides is one edge");
        Person loaded = reload("bob", "followers", "spouse", "friends");
        assertEquals(List.of("ann"), loaded.followers.stream().map(p -> p.id).toList());
        assertEquals("ann", loaded.spouse.id);
        assertEquals(List.of("ann"), loaded.friends.stream().map(p -> p.id).toList());
    }

    @Test
    void inverseSidesAgreeInMemoryAfterASave() {
        Company acme = new Company("acme", "Acme");
        companies.save(acme);
        Company loadedAcme = companies.findById("acme", FetchPlan.of("staff")).orElseThrow();
        assertTrue(loadedAcme.staff.isEmpty());
        Person ann = new Person("ann", "Ann");
        ann.employer = loadedAcme;
        people.save(ann);
        assertEquals(List.of("ann"), loadedAcme.staff.stream().map(p -> p.id).toList(), "staff got ann");
        assertEquals(List.of("ann>acme"), pairs("WORKS_AT"));

        // from the other side: adding to staff sets employer, one edge only
        Person bob = new Person("bob", "Bob");
        loadedAcme.staff.add(bob);
        companies.save(loadedAcme);
        assertSame(loadedAcme, bob.employer);
        assertEquals(List.of("ann>acme", "bob>acme"), pairs("WORKS_AT"));
        people.save(bob);
        assertEquals(2, edges("WORKS_AT"), "saving the other side again changes nothing");

        // removing from staff clears employer
        loadedAcme.staff.remove(ann);
        companies.save(loadedAcme);
        assertNull(ann.employer);
        assertEquals(List.of("bob>acme"), pairs("WORKS_AT"));

        // employer is a to-one: moving bob into another company's staff moves him out of acme's
        Company hooli = new Company("hooli", "Hooli");
        companies.save(hooli);
        Company loadedHooli = companies.findById("hooli", FetchPlan.of("staff")).orElseThrow();
        loadedHooli.staff.add(bob);
        companies.save(loadedHooli);
        assertEquals(List.of("bob>hooli"), pairs("WORKS_AT"), "the other side's to-one is pruned");
        assertSame(loadedHooli, bob.employer);
        assertTrue(loadedAcme.staff.isEmpty(), "the previous company no longer holds bob in memory");
        statements.set(0);
        people.save(bob);
        companies.save(loadedAcme);
        assertEquals(List.of("bob>hooli"), pairs("WORKS_AT"), "both sides agree with the graph: re-saves change nothing");
    }

    @Test
    void cascadeDeleteAndDetachOnDelete() {
        Person ann = new Person("ann", "Ann");
        ann.devices = RelationshipModel.devices(new RelationshipModel.Device("d1", "phone"),
                new RelationshipModel.Device("d2", "laptop"));
        ann.friends.add(new Person("bob", "Bob"));
        ann.employer = new Company("acme", "Acme");
        people.save(ann);
        assertEquals(2, count("(:Device)"));
        people.deleteById("ann");
        assertEquals(0, count("(:Person {id: 'ann'})"));
        assertEquals(0, count("(:Device)"), "OWNS cascades deletes");
        assertEquals(1, count("(:Person {id: 'bob'})"), "KNOWS does not");
        assertEquals(1, count("(:Company)"));
        assertEquals(0, count("()-[]->()"), "deleting a node removes its relationships");
    }

    @Test
    void statementCountDoesNotGrowWithTheNumberOfEntities() {
        for (int n : new int[] {5, 40}) {
            cypher("MATCH (n) DETACH DELETE n", Map.of());
            List<Person> roots = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Person p = new Person("p" + i, "P" + i);
                for (int k = 0; k < 3; k++) {
                    p.friends.add(new Person("p" + i + "f" + k, "F"));
                }
                p.employer = new Company("c" + (i % 3), "C");
                roots.add(p);
            }
            assertOneWrite(() -> people.saveAll(roots));
            assertEquals(3L * n, edges("KNOWS"));
            List<String> ids = roots.stream().map(p -> p.id).toList();
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Person>[] eager = new List[1];
            assertEquals(1, sent(() -> eager[0] = people.findAllById(ids, FetchPlan.of("friends.employer", "employer"))));
            Person last = eager[0].stream().filter(p -> p.id.equals("p" + (n - 1))).findFirst().orElseThrow();
            assertEquals(3, last.friends.size());
            assertEquals("c" + ((n - 1) % 3), last.employer.id);
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Person>[] lazy = new List[1];
            assertEquals(2, sent(() -> {
                lazy[0] = people.findAllById(ids);
                int total = 0;
                for (Person p : lazy[0]) {
                    total += p.friends.size();
                }
                assertEquals(3 * n, total);
            }), () -> "the lazy lists of all " + n + " people load in one query: " + sentTexts);
            assertEquals(1, sent(() -> lazy[0].forEach(p -> p.home.get())), "refs are batched too");
        }
    }

    @Test
    void lazyRelationshipsFailClearlyAfterClose() {
        Person ann = new Person("ann", "Ann");
        ann.friends.add(new Person("bob", "Bob"));
        people.save(ann);
        FalkorOrm other = FalkorOrm.builder().transport(transport).graph(graph).lookup(java.lang.invoke.MethodHandles.lookup())
                .build();
        Person lazy = other.repository(PersonRepository.class).findById("ann").orElseThrow();
        other.close();
        dev.falkor.orm.api.LazyLoadingException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.falkor.orm.api.LazyLoadingException.class, () -> lazy.friends.size());
        assertTrue(e.getMessage().contains("Person.friends") && e.getMessage().contains("ann")
                && e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void customQueriesFillRelationshipFieldsFromNamedColumns() {
        Person ann = new Person("ann", "Ann");
        ann.friends.add(new Person("bob", "Bob"));
        ann.friends.add(new Person("cy", "Cy"));
        ann.employer = new Company("acme", "Acme");
        people.save(ann);
        Person viaQuery = people.withFriends("ann").orElseThrow();
        assertEquals(List.of("bob", "cy"), viaQuery.friends.stream().map(p -> p.id).sorted().toList());
        List<Person> viaOrm = orm.query("MATCH (p:Person {id: 'ann'}) RETURN p").fetch(FetchPlan.of("employer"))
                .list(Person.class);
        assertEquals("acme", viaOrm.get(0).employer.id);
        // a relationship filled from a query is diffed like a loaded one
        viaQuery.friends.removeIf(p -> p.id.equals("bob"));
        people.save(viaQuery);
        assertEquals(List.of("ann>cy"), pairs("KNOWS"));
        assertEquals(List.of("ann>acme"), pairs("WORKS_AT"));
    }

    @Test
    void derivedQueriesTakeAFetchPlan() {
        Person ann = new Person("ann", "Ann");
        ann.employer = new Company("acme", "Acme");
        people.save(ann);
        List<Person> found = people.findByNameStartingWith("An", FetchPlan.of("employer"));
        assertEquals("acme", found.get(0).employer.id);
    }

    @Test
    void recordsHoldRelationshipsAndEagerDefaultsApply() {
        RelationshipModel.TeamRepository teams = orm.repository(RelationshipModel.TeamRepository.class);
        Person lead = new Person("lead", "Lead");
        teams.save(new RelationshipModel.Team("t1", "Core", new ArrayList<>(List.of(new Person("m1", "M1"), lead)), lead));
        assertEquals(List.of("t1>lead", "t1>m1"), pairs("MEMBER"));
        assertEquals(List.of("t1>lead"), pairs("LED_BY"));
        RelationshipModel.Team t = teams.findById("t1").orElseThrow();
        assertEquals("lead", t.lead().id, "fetch = EAGER loads with the entity");
        assertEquals(2, t.members().size(), "a lazy list in a record");
        t.members().removeIf(p -> p.id.equals("m1"));
        teams.save(t);
        assertEquals(List.of("t1>lead"), pairs("MEMBER"));
    }

    @Test
    void aSaveBeyondTheBatchSizeWritesNodesBeforeRelationships() {
        try (FalkorOrm small = FalkorOrm.builder().transport(transport).graph(graph)
                .lookup(java.lang.invoke.MethodHandles.lookup()).batchSize(4).build()) {
            PersonRepository repo = small.repository(PersonRepository.class);
            Person hub = new Person("hub", "Hub");
            for (int i = 0; i < 10; i++) {
                hub.friends.add(new Person("f" + i, "F" + i));
            }
            repo.save(hub);
            assertEquals(11, count("(:Person)"));
            assertEquals(10, edges("KNOWS"), "edge chunks run after every node chunk");
            Person loaded = repo.findById("hub", FetchPlan.of("friends")).orElseThrow();
            loaded.friends.removeIf(p -> p.id.compareTo("f5") < 0);
            repo.save(loaded);
            assertEquals(List.of("hub>f5", "hub>f6", "hub>f7", "hub>f8", "hub>f9"), pairs("KNOWS"));
        }
    }

    @Test
    void aQueryColumnOfRelationshipsFillsOnlyWhatItReturnedAndSavesLeaveTheRestAlone() {
        Person ann = new Person("ann", "Ann");
        ann.jobs = List.of(new Employment(new Company("old", "Old"), 1999, "dev", 0.1),
                new Employment(new Company("new", "New"), 2015, "lead", 0.30000000000000004));
        people.save(ann);
        Person recent = people.withJobsSince("ann", 2010).orElseThrow();
        assertEquals(1, recent.jobs.size());
        assertEquals("new", recent.jobs.get(0).company().id);
        assertEquals(0.30000000000000004, recent.jobs.get(0).share(), "relationship doubles read exactly");
        people.save(recent);
        assertEquals(List.of("ann>new", "ann>old"), pairs("WORKED_AT"), "nothing changed: nothing written");
        recent.jobs.clear();
        people.save(recent);
        assertEquals(List.of("ann>old"), pairs("WORKED_AT"), "only the returned relationship was removed");
    }

    @Test
    void relatedEntitiesFollowTheCascadeRules() {
        Company acme = new Company("acme", "Acme");
        acme.revenue = 12.5;
        companies.save(acme);
        // without cascade, a related entity must have its id; with it, a detached stand-in is saved in full
        Person ann = new Person("ann", "Ann");
        ann.employer = new Company("acme", null);
        people.save(ann);
        assertEquals(List.of("ann>acme"), pairs("WORKS_AT"));
        assertNull(scalar("MATCH (c:Company {id: 'acme'}) RETURN c.name", Map.of()).asJava(),
                "a detached related entity reached by a cascading save is written as it is");
        // a related entity that was read and not changed is not written again
        companies.save(acme);
        Person loaded = reload("ann", "employer");
        int sentNow = sent(() -> people.save(loaded));
        assertEquals(1, sentNow);
        assertFalse(sentTexts.get(0).contains("MERGE (n:`Company`"), "the unchanged company is not upserted: " + sentTexts);
        assertEquals("Acme", scalar("MATCH (c:Company {id: 'acme'}) RETURN c.name", Map.of()).asJava());
        loaded.employer.name = "Acme Corp";
        people.save(loaded);
        assertEquals("Acme Corp", scalar("MATCH (c:Company {id: 'acme'}) RETURN c.name", Map.of()).asJava(),
                "a changed related entity is saved with its owner");
    }

    @Test
    void constructorCreatedEntitiesHoldRelationships() {
        RelationshipModel.ProjectRepository projects = orm.repository(RelationshipModel.ProjectRepository.class);
        projects.save(new RelationshipModel.Project("p1", "Falkor", new Person("ann", "Ann"),
                new ArrayList<>(List.of(new RelationshipModel.Device("d1", "laptop")))));
        assertEquals(List.of("p1>ann"), pairs("OWNED_BY"));
        assertEquals(List.of("p1>d1"), pairs("USES"));
        RelationshipModel.Project read = projects.findById("p1", FetchPlan.of("owner")).orElseThrow();
        assertEquals("ann", read.owner.id);
        assertEquals("laptop", read.uses.get(0).kind, "the lazy list given to the constructor loads on use");
        RelationshipModel.Project bare = projects.findById("p1").orElseThrow();
        assertNull(bare.owner);
        projects.save(bare);
        assertEquals(List.of("p1>ann"), pairs("OWNED_BY"), "an owner that was not fetched is left alone");
    }

    @Test
    void entitiesReadWithRelationshipsAreNotKeptAliveByTheMapper() {
        Person ann = new Person("ann", "Ann");
        for (int i = 0; i < 5; i++) {
            ann.friends.add(new Person("f" + i, "F"));
        }
        ann.employer = new Company("acme", "Acme");
        people.save(ann);
        ann = null;
        for (int i = 0; i < 300; i++) {
            Person p = people.findById("ann", FetchPlan.of("friends", "employer")).orElseThrow();
            assertEquals(5, p.friends.size());
            p.friends.get(0).followers.size(); // a lazy load batched from an eager read
        }
        java.lang.ref.WeakReference<Person> last = new java.lang.ref.WeakReference<>(
                people.findById("ann", FetchPlan.of("friends")).orElseThrow());
        for (int i = 0; i < 200 && last.get() != null; i++) {
            System.gc();
            byte[] pressure = new byte[1 << 20];
            pressure[i] = 1;
        }
        assertNull(last.get(), "a read entity the caller dropped can be collected");
        int tracked = orm.internals().relations().trackedInstances();
        for (int i = 0; i < 200 && tracked >= 100; i++) {
            System.gc(); // cleared references reach the queue a moment after the collection
            byte[] pressure = new byte[1 << 20];
            pressure[i] = 1;
            tracked = orm.internals().relations().trackedInstances();
        }
        assertTrue(tracked < 100, "the record of what is stored forgets collected entities: " + tracked);
    }

    @Test
    void aToOneRelationshipWithConvertedPropertiesRoundTrips() {
        Person ann = new Person("ann", "Ann");
        ann.membership = new RelationshipModel.Membership(new Company("club", "Club"),
                java.time.LocalDate.of(2020, 2, 29), 0.1 + 0.2);
        people.save(ann);
        assertEquals(List.of("ann>club"), pairs("MEMBER_OF"));
        assertEquals("2020-02-29", scalar("MATCH (:Person {id:'ann'})-[r:MEMBER_OF]->() RETURN r.since", Map.of())
                .asJava().toString(), "stored through the LocalDate converter");
        Person read = reload("ann", "membership");
        assertEquals(java.time.LocalDate.of(2020, 2, 29), read.membership.since());
        assertEquals(0.1 + 0.2, read.membership.fee(), "exact");
        assertEquals("club", read.membership.club().id);
        // change a property: the edge is updated in place; then point it elsewhere; then remove it
        long edge = ((Number) scalar("MATCH (:Person {id:'ann'})-[r:MEMBER_OF]->() RETURN id(r)", Map.of()).asJava())
                .longValue();
        read.membership = new RelationshipModel.Membership(read.membership.club(), read.membership.since(), 2.5);
        people.save(read);
        assertEquals(2.5, ((Number) scalar("MATCH (:Person {id:'ann'})-[r:MEMBER_OF]->() RETURN r.fee", Map.of())
                .asJava()).doubleValue());
        assertEquals(edge, ((Number) scalar("MATCH (:Person {id:'ann'})-[r:MEMBER_OF]->() RETURN id(r)", Map.of())
                .asJava()).longValue());
        read.membership = new RelationshipModel.Membership(new Company("other", "Other"), null, 1.0);
        people.save(read);
        assertEquals(List.of("ann>other"), pairs("MEMBER_OF"));
        assertEquals(0L, scalar("MATCH (:Person {id:'ann'})-[r:MEMBER_OF]->() WHERE r.since IS NOT NULL RETURN count(r)",
                Map.of()).asJava(), "a null relationship property is not stored");
        read.membership = null;
        people.save(read);
        assertEquals(0, edges("MEMBER_OF"));
    }
}
