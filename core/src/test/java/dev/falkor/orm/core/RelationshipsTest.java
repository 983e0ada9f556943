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
    private PersonRepository people;
    private CompanyRepository companies;

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.entities(Person.class, Company.class, Address.class, RelationshipModel.Device.class,
                RelationshipModel.Team.class).decorateExecutor(next -> new dev.falkor.orm.core.internal.exec.Executor.Forwarding(next) {
            @Override
            public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery query) {
                statements.incrementAndGet();
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
        r.run();
        return statements.get();
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
        assertEquals(1, sent(() -> people.save(ann)));
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
}
