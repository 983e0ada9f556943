package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Relationship.Direction;
import dev.falkor.orm.core.RelationshipInverseCasesTest.RCountry;
import dev.falkor.orm.core.RelationshipInverseCasesTest.RPassport;
import dev.falkor.orm.core.RelationshipInverseCasesTest.RPerson;
import dev.falkor.orm.core.RelationshipInverseCasesTest.RTeam;
import dev.falkor.orm.spi.value.GraphValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of relationships: one-to-one moves, undirected self-inverses, stand-ins reached by
 * cascade, records in collections, subtypes with inherited inverses, derived paths with fetch plans
 * and paging, and the size of FetchPlan.all.
 */
class RelationshipEdgeCasesTest extends GraphTestSupport {

    @Node("RMember")
    public record RMember(@Id String id, String name, @Relationship(type = "VISITED") List<RCountry> visited) {
    }

    @Node("RClub")
    public static class RClub {
        @Id public String id;
        @Relationship(type = "IN_CLUB")
        public List<RMember> members;

        public RClub() {
        }
    }

    @Node("ROwner")
    public static class ROwner {
        @Id public String id;
        @Relationship(type = "OWNS", inverse = "owner")
        public List<RAnimal> pets;

        public ROwner() {
        }

        public ROwner(String id) {
            this.id = id;
        }
    }

    @Node("RAnimal")
    public static class RAnimal {
        @Id public String id;

        public RAnimal() {
        }
        @Relationship(type = "OWNS", direction = Direction.INCOMING)
        public Ref<ROwner> owner;
    }

    @Node("RDog")
    public static class RDog extends RAnimal {
        public RDog() {
        }

        public RDog(String id) {
            this.id = id;
        }
    }

    @Node("RCat")
    public static class RCat extends RAnimal {
        public RCat() {
        }

        public RCat(String id) {
            this.id = id;
        }
    }

    public interface People extends Repository<RPerson, String> {
        Page<RPerson> findByFriendsNameStartingWith(String prefix, Pageable page, FetchPlan plan);
    }

    public interface Passports extends Repository<RPassport, String> {
    }

    public interface Clubs extends Repository<RClub, String> {
    }

    public interface Owners extends Repository<ROwner, String> {
    }

    public interface Animals extends Repository<RAnimal, String> {
    }

    private final AtomicInteger statements = new AtomicInteger();
    private People people;
    private Passports passports;

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.entities(RPerson.class, RPassport.class, RCountry.class, RTeam.class, RMember.class,
                RClub.class, ROwner.class, RAnimal.class, RDog.class, RCat.class)
                .decorateExecutor(next -> new dev.falkor.orm.core.internal.exec.Executor.Forwarding(next) {
                    @Override
                    public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery query) {
                        statements.incrementAndGet();
                        if (System.getProperty("debugq") != null) {
                            System.out.println("Q: " + query.cypher() + " " + query.parameters());
                        }
                        return next.execute(query);
                    }
                });
    }

    @BeforeEach
    void clean() {
        people = orm.repository(People.class);
        passports = orm.repository(Passports.class);
        for (Class<?> c : List.of(RPerson.class, RPassport.class, RCountry.class, RTeam.class, RMember.class,
                RClub.class, ROwner.class, RAnimal.class, RDog.class, RCat.class)) {
            orm.internals().operations(c);
        }
        people.save(new RPerson("warm-up", "w"));
        cypher("MATCH (n) DETACH DELETE n", Map.of());
    }

    private List<String> pairs(String type) {
        List<String> out = new ArrayList<>();
        for (List<GraphValue> row : cypher("MATCH (a)-[:" + type + "]->(b) RETURN a.id + '>' + b.id AS p ORDER BY p",
                Map.of()).rows()) {
            out.add(row.get(0).asJava().toString());
        }
        return out;
    }

    /**
     * forget() only clears to-many holders: a to-one previous holder keeps the target in memory while
     * its stored state is emptied, so its next save re-creates the pruned edge.
     */
    @Test
    void oneToOneMoveKeepsTheNewHolder() {
        RPerson bob = new RPerson("bob", "Bob");
        RPassport p = new RPassport("p1");
        bob.passport = p;
        people.save(bob);
        assertSame(bob, p.holder, "inverse synced");
        RPerson ann = new RPerson("ann", "Ann");
        ann.passport = p;
        people.save(ann);
        assertEquals(List.of("ann>p1"), pairs("HAS"));
        assertSame(ann, p.holder);
        System.out.println("bob.passport after ann took it: " + bob.passport);
        bob.name = "Bobby";
        people.save(bob);
        assertEquals(List.of("ann>p1"), pairs("HAS"), "bob's save must not give p1 a second holder");
    }

    @Test
    void undirectedSelfInverseKeepsTheNewMarriage() {
        RPerson bob = new RPerson("bob", "Bob");
        RPerson carl = new RPerson("carl", "Carl");
        bob.spouse = carl;
        people.save(bob);
        assertSame(bob, carl.spouse);
        RPerson ann = new RPerson("ann", "Ann");
        ann.spouse = bob;
        people.save(ann);
        assertEquals(List.of("ann>bob"), pairs("MARRIED"));
        System.out.println("carl.spouse after bob married ann: " + carl.spouse);
        carl.name = "Carlos";
        people.save(carl);
        assertEquals(List.of("ann>bob"), pairs("MARRIED"), "carl's save must not re-marry him");
    }

    /** Records with relationships are held in lists (a Set of them is refused at bootstrap): no hashing, no loads. */
    @Test
    void recordsWithRelationshipsInAListAreNotLoadedByTheRead() {
        cypher("CREATE (c:RClub {id: 'c'}), (m1:RMember {id: 'm1', name: 'A'}), (m2:RMember {id: 'm2', name: 'B'}), "
                + "(c)-[:IN_CLUB]->(m1), (c)-[:IN_CLUB]->(m2), (m1)-[:VISITED]->(:RCountry {id: 'fr'})", Map.of());
        Clubs clubs = orm.repository(Clubs.class);
        statements.set(0);
        RClub c = clubs.findById("c", FetchPlan.of("members")).orElseThrow();
        assertEquals(1, statements.get(), "one statement for a fetch plan");
        assertEquals(2, c.members.size());
        assertEquals(1, statements.get(), "reading the list did not load the members' relationships");
    }

    @Node("RSetClub")
    public static class RSetClub {
        @Id public String id;
        @Relationship(type = "IN_CLUB") public Set<RMember> members;
    }

    @Test
    void aSetOfRecordsWithRelationshipsIsRefusedAtBootstrap() {
        dev.falkor.orm.api.MappingException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.falkor.orm.api.MappingException.class, () -> orm.internals().operations(RSetClub.class));
        assertTrue(e.getMessage().contains("RSetClub.members") && e.getMessage().contains("List"), e.getMessage());
    }

    /** A stand-in for the root reached through a cascade replaces the root's own row. */
    @Test
    void aCascadedStandInNeverOverwritesTheEntityGiven() {
        RPerson ann = new RPerson("ann", "Ann");
        RPerson bob = new RPerson("bob", "Bob");
        ann.friends = new ArrayList<>(List.of(bob));
        bob.friends = new ArrayList<>(List.of(new RPerson("ann", null)));
        people.save(ann);
        assertEquals("Ann", scalar("MATCH (p:RPerson {id: 'ann'}) RETURN p.name", Map.of()).asJava());
    }

    /** Subtypes: an inherited inverse to-one is synced and pruned. */
    @Test
    void subtypeInverse() {
        Owners owners = orm.repository(Owners.class);
        Animals animals = orm.repository(Animals.class);
        ROwner o1 = new ROwner("o1");
        RDog d = new RDog("d");
        RCat c = new RCat("c");
        o1.pets = new ArrayList<>(List.of(d, c));
        owners.save(o1);
        assertEquals(List.of("o1>c", "o1>d"), pairs("OWNS"));
        assertSame(o1, d.owner.get());
        assertSame(o1, c.owner.get());
        RAnimal dl = animals.findById("d", FetchPlan.of("owner")).orElseThrow();
        RAnimal cl = animals.findById("c", FetchPlan.of("owner")).orElseThrow();
        ROwner o2 = new ROwner("o2");
        o2.pets = new ArrayList<>(List.of(dl, cl));
        owners.save(o2);
        assertEquals(List.of("o2>c", "o2>d"), pairs("OWNS"));
        assertSame(o2, dl.owner.get());
        assertSame(o2, cl.owner.get());
        List<ROwner> all = owners.findAll(FetchPlan.of("pets.owner"));
        assertEquals(2, all.size());
        cl.owner = Ref.empty();
        animals.save(cl);
        assertEquals(List.of("o2>d"), pairs("OWNS"));
    }

    @Test
    void derivedPathQueryWithPageAndStagedFetchPlan() {
        for (int i = 0; i < 5; i++) {
            RPerson p = new RPerson("p" + i, "P" + i);
            p.friends = new ArrayList<>(List.of(new RPerson("f" + i, (i % 2 == 0 ? "Al" : "Bo") + i)));
            p.friends.get(0).friends = new ArrayList<>(List.of(new RPerson("g" + i, "G" + i)));
            people.save(p);
        }
        Page<RPerson> page = people.findByFriendsNameStartingWith("Al",
                Pageable.of(0, 2, dev.falkor.orm.api.Sort.by("name")), FetchPlan.of("friends.friends"));
        assertEquals(3, page.totalElements());
        assertEquals(List.of("p0", "p2"), page.content().stream().map(p -> p.id).toList());
        assertEquals("g0", page.content().get(0).friends.get(0).friends.get(0).id);
    }

    @Test
    void derivedPathQueryWithPageAndFlatFetchPlan() {
        for (int i = 0; i < 5; i++) {
            RPerson p = new RPerson("p" + i, "P" + i);
            p.friends = new ArrayList<>(List.of(new RPerson("f" + i, (i % 2 == 0 ? "Al" : "Bo") + i)));
            people.save(p);
        }
        Page<RPerson> page = people.findByFriendsNameStartingWith("Al",
                Pageable.of(1, 2, dev.falkor.orm.api.Sort.by("name")), FetchPlan.of("friends", "knownBy"));
        assertEquals(3, page.totalElements());
        assertEquals(List.of("p4"), page.content().stream().map(p -> p.id).toList());
        assertEquals("f4", page.content().get(0).friends.get(0).id);
    }

    /**
     * FetchPlan.all(depth) expands every field at every level except straight back along an
     * inverse; a plan whose statement would be too large is refused with a clear message.
     */
    @Test
    void fetchAllDepthStaysBounded() {
        people.save(new RPerson("a", "A"));
        var ops = orm.internals().operations(RPerson.class);
        int previous = 0;
        for (int d = 1; d <= 3; d++) {
            String cypher = ops.fetchSelect(dev.falkor.orm.core.internal.repository.Condition.NONE, false,
                    ops.tree(FetchPlan.all(d)), "", "");
            assertTrue(cypher.length() > previous);
            previous = cypher.length();
            assertEquals(1, people.findAll(FetchPlan.all(d)).size());
        }
        IllegalArgumentException tooBig = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> people.findAll(FetchPlan.all(8)));
        assertTrue(tooBig.getMessage().contains("FetchPlan.of"), tooBig.getMessage());
    }
}
