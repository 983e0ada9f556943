package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Relationship.Direction;
import dev.falkor.orm.spi.value.GraphValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inverse pairs (one-to-one, undirected self-inverse, copies of one node in one read) and query
 * columns next to fetch plans: regressions of defects a review found, read back with plain Cypher.
 */
class RelationshipInverseCasesTest extends GraphTestSupport {

    @Node("RPerson")
    public static class RPerson {
        @Id public String id;
        public String name;
        @Relationship(type = "KNOWS")
        public List<RPerson> friends;
        @Relationship(type = "KNOWS", direction = Direction.INCOMING, inverse = "friends")
        public List<RPerson> knownBy;
        @Relationship(type = "HAS")
        public RPassport passport;
        @Relationship(type = "MARRIED", direction = Direction.UNDIRECTED, inverse = "spouse")
        public RPerson spouse;

        public RPerson() {
        }

        public RPerson(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public String toString() {
            return "RPerson(" + id + ")";
        }
    }

    @Node("RPassport")
    public static class RPassport {
        @Id public String id;
        @Relationship(type = "HAS", direction = Direction.INCOMING, inverse = "passport")
        public RPerson holder;
        @Relationship(type = "STAMP")
        public List<RCountry> stamps;

        public RPassport() {
        }

        public RPassport(String id) {
            this.id = id;
        }
    }

    @Node("RCountry")
    public static class RCountry {
        @Id public String id;

        public RCountry() {
        }

        public RCountry(String id) {
            this.id = id;
        }
    }

    @Node("RTeam")
    public static class RTeam {
        @Id public String id;
        public String name;
        @Relationship(type = "MEMBER")
        public List<RPerson> members;
        @Relationship(type = "LEAD", fetch = Relationship.Fetch.EAGER)
        public RPerson lead;

        public RTeam() {
        }

        public RTeam(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    public interface People extends Repository<RPerson, String> {
        List<RPerson> findDistinctByNameStartingWithOrderByNameAsc(String prefix, FetchPlan plan);

        List<RPerson> findByNameStartingWithOrderByNameDesc(String prefix, FetchPlan plan);

        @Query("MATCH (p:RPerson {id: $id}) OPTIONAL MATCH (p)-[:KNOWS]->(f:RPerson) WHERE f.name STARTS WITH 'B' "
                + "RETURN p, collect(f) AS friends")
        Optional<RPerson> withBFriends(String id, FetchPlan plan);
    }

    public interface Passports extends Repository<RPassport, String> {
    }

    public interface Teams extends Repository<RTeam, String> {
        @Query("MATCH (t:RTeam {id: $id}) OPTIONAL MATCH (t)-[:MEMBER]->(m:RPerson) WHERE m.name STARTS WITH 'B' "
                + "RETURN t, collect(m) AS members")
        Optional<RTeam> withBMembers(String id);
    }

    private People people;
    private Passports passports;
    private Teams teams;

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.entities(RPerson.class, RPassport.class, RCountry.class, RTeam.class);
    }

    @BeforeEach
    void clean() {
        people = orm.repository(People.class);
        passports = orm.repository(Passports.class);
        teams = orm.repository(Teams.class);
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
     * Removing bob from ann.friends and saving ann updates the stored state of bob.knownBy (a copy
     * read by another call holds another object for ann), but not the list: the next save of bob
     * re-creates the edge the user removed.
     */
    @Test
    void inverseSyncOnACopyNeverBringsBackARemovedEdge() {
        RPerson ann = new RPerson("ann", "Ann");
        RPerson bob = new RPerson("bob", "Bob");
        ann.friends = new ArrayList<>(List.of(bob));
        people.save(ann);
        assertEquals(List.of("ann>bob"), pairs("KNOWS"));

        RPerson ann1 = people.findById("ann", FetchPlan.of("friends")).orElseThrow();
        RPerson bob1 = people.findById("bob", FetchPlan.of("knownBy")).orElseThrow();
        assertEquals(1, bob1.knownBy.size());
        ann1.friends.clear();
        people.save(ann1);
        assertEquals(List.of(), pairs("KNOWS"), "the edge was removed");
        bob1.name = "Bobby";
        people.save(bob1); // only the name changed
        assertEquals(List.of(), pairs("KNOWS"), "saving bob's name must not re-create ann>bob");
    }

    /** Same, within one read: friends.knownBy reaches ann again as a second object. */
    @Test
    void inverseSyncWithinOneReadNeverBringsBackARemovedEdge() {
        RPerson ann = new RPerson("ann", "Ann");
        RPerson bob = new RPerson("bob", "Bob");
        ann.friends = new ArrayList<>(List.of(bob));
        people.save(ann);
        RPerson ann1 = people.findById("ann", FetchPlan.of("friends.knownBy")).orElseThrow();
        RPerson bob1 = ann1.friends.get(0);
        ann1.friends.remove(bob1);
        people.save(ann1);
        assertEquals(List.of(), pairs("KNOWS"));
        people.save(bob1);
        assertEquals(List.of(), pairs("KNOWS"), "saving bob unchanged must not re-create ann>bob");
    }

    /**
     * One-to-one inverse pair: giving ann bob's passport prunes bob's HAS edge, but bob.passport
     * still holds it in memory while his stored state says he has none; saving bob re-creates it.
     */
    @Test
    void oneToOneInverseClearsThePreviousHolder() {
        RPerson bob = new RPerson("bob", "Bob");
        RPassport p = new RPassport("p1");
        bob.passport = p;
        people.save(bob);
        RPassport loaded = passports.findById("p1", FetchPlan.of("holder")).orElseThrow();
        RPerson bobLoaded = loaded.holder;
        RPerson ann = new RPerson("ann", "Ann");
        people.save(ann);
        RPerson annLoaded = people.findById("ann", FetchPlan.of("passport")).orElseThrow();
        // ann takes the passport: the passport side is loaded
        loaded.holder = annLoaded;
        passports.save(loaded);
        assertEquals(List.of("ann>p1"), pairs("HAS"));
        assertEquals(null, bobLoaded.passport, "bob no longer holds p1 in the graph; memory should agree");
    }

    @Test
    void oneToOneInverseResaveOfThePreviousHolderChangesNothing() {
        RPerson bob = new RPerson("bob", "Bob");
        bob.passport = new RPassport("p1");
        people.save(bob);
        RPerson bobLoaded = people.findById("bob", FetchPlan.of("passport")).orElseThrow();
        RPassport p = bobLoaded.passport;
        RPerson ann = people.save(new RPerson("ann", "Ann"));
        RPerson annLoaded = people.findById("ann", FetchPlan.of("passport")).orElseThrow();
        annLoaded.passport = p;
        people.save(annLoaded);
        assertEquals(List.of("ann>p1"), pairs("HAS"));
        bobLoaded.name = "Bobby";
        people.save(bobLoaded);
        assertEquals(List.of("ann>p1"), pairs("HAS"), "p1 must not have two holders");
    }

    /** Undirected self-inverse: marrying ann to bob, who was married to carl. */
    @Test
    void undirectedSelfInverseClearsTheFormerSpouse() {
        RPerson bob = new RPerson("bob", "Bob");
        RPerson carl = new RPerson("carl", "Carl");
        bob.spouse = carl;
        people.save(bob);
        assertEquals(1, pairs("MARRIED").size());
        RPerson carlLoaded = people.findById("carl", FetchPlan.of("spouse")).orElseThrow();
        RPerson bobLoaded = carlLoaded.spouse;
        RPerson ann = new RPerson("ann", "Ann");
        people.save(ann);
        RPerson annLoaded = people.findById("ann", FetchPlan.of("spouse")).orElseThrow();
        annLoaded.spouse = bobLoaded;
        people.save(annLoaded);
        assertEquals(1, pairs("MARRIED").size(), "bob is married to ann only: " + pairs("MARRIED"));
        carlLoaded.name = "Carlos";
        people.save(carlLoaded);
        assertEquals(1, pairs("MARRIED").size(), "saving carl must not re-marry him: " + pairs("MARRIED"));
    }

    /** A query's filtered column is lost when the entity has an EAGER field. */
    @Test
    void queryColumnsWinOverEagerFields() {
        RTeam t = new RTeam("t", "T");
        t.members = new ArrayList<>(List.of(new RPerson("a", "Ann"), new RPerson("b", "Bob")));
        t.lead = new RPerson("c", "Cleo");
        teams.save(t);
        RTeam read = teams.withBMembers("t").orElseThrow();
        assertEquals(1, read.members.size(), "only Bob, as the column named: " + read.members);
    }

    @Test
    void queryColumnsWinOverAFetchPlan() {
        RPerson ann = new RPerson("ann", "Ann");
        ann.friends = new ArrayList<>(List.of(new RPerson("a2", "Al"), new RPerson("b", "Bob")));
        ann.passport = new RPassport("p");
        people.save(ann);
        RPerson read = people.withBFriends("ann", FetchPlan.of("passport")).orElseThrow();
        assertEquals(1, read.friends.size(), "only Bob, as the column named: " + read.friends);
        // and a save must not then delete Al
        people.save(read);
        assertEquals(List.of("ann>a2", "ann>b"), pairs("KNOWS"));
    }

    @Test
    void distinctOrderByWithFetchPlan() {
        RPerson ann = new RPerson("ann", "Ann");
        ann.friends = new ArrayList<>(List.of(new RPerson("b", "Abe")));
        people.save(ann);
        List<RPerson> found = people.findDistinctByNameStartingWithOrderByNameAsc("A", FetchPlan.of("friends"));
        assertEquals(List.of("b", "ann"), found.stream().map(p -> p.id).toList());
        List<RPerson> desc = people.findByNameStartingWithOrderByNameDesc("A", FetchPlan.of("friends.friends"));
        assertEquals(List.of("ann", "b"), desc.stream().map(p -> p.id).toList());
    }
}
