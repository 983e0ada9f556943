package dev.falkor.orm.core.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.core.internal.query.TestDomain.Company;
import dev.falkor.orm.core.internal.query.TestDomain.Person;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Parts on relationship paths against a real FalkorDB, in both forms the renderer uses (pattern
 * predicates in the WHERE, flags in a WITH projection): the statement
 * {@code MATCH (n:Person) <projection> WHERE <condition>} must select exactly the people a
 * plain-Java evaluation of "some related node matches" selects, each once. The data has people
 * with several, one and no related nodes, related nodes with missing properties, and 64-bit
 * relationship properties at the ends of the range.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DerivedPathServerTest {

    record P(long uid, String name, Integer age, Boolean active, List<String> tags) { }

    record C(String uid, String name, Integer founded, String role) { }

    record A(String uid, String city, String zip) { }

    record Job(long person, String company, String role, long since, Boolean current) { }

    static final List<P> PEOPLE = List.of(
            new P(1, "Ann", 31, true, List.of("red")),
            new P(2, "ann", 25, false, List.of()),
            new P(3, "Bob", null, true, List.of("blue", "red")),
            new P(4, "Cid", 40, null, null),
            new P(5, "Dee", 18, true, List.of("green")),
            new P(6, null, 52, false, List.of("red")),
            new P(7, "Eve", 29, true, null),
            new P(8, "Fay", 33, false, List.of("x")),
            new P(9, "Gus", 61, true, List.of()),
            new P(10, "Hal", 45, null, List.of("red")),
            new P(11, "Ivy", 22, true, List.of("blue")),
            new P(12, "Jon", 37, false, null));
    static final List<C> COMPANIES = List.of(
            new C("c1", "Acme", 1990, "x"),
            new C("c2", "acme corp", 2005, null),
            new C("c3", null, 1999, "y"),
            new C("c4", "Zeta", null, "x"),
            new C("c5", "Omega", 2010, null));
    static final List<A> ADDRESSES = List.of(
            new A("a1", "Paris", "75001"),
            new A("a2", "paris", "75002"),
            new A("a3", null, "00000"),
            new A("a4", "Rome", "00100"));
    /** company uid to address uid */
    static final Map<String, String> LOCATED_AT = Map.of("c1", "a1", "c2", "a2", "c3", "a3", "c4", "a4");
    /** person to company */
    static final List<Object[]> WORKS_AT = List.of(
            new Object[] {1L, "c1"}, new Object[] {2L, "c2"}, new Object[] {3L, "c1"}, new Object[] {3L, "c3"},
            new Object[] {4L, "c3"}, new Object[] {5L, "c4"}, new Object[] {6L, "c5"}, new Object[] {7L, "c2"},
            new Object[] {9L, "c1"});
    /** stored one way, mapped UNDIRECTED */
    static final List<long[]> KNOWS = List.of(new long[] {1, 2}, new long[] {2, 3}, new long[] {3, 4},
            new long[] {5, 1}, new long[] {6, 7}, new long[] {7, 8}, new long[] {10, 11});
    /** follower to followed; Person.followers is INCOMING */
    static final List<long[]> FOLLOWS = List.of(new long[] {1, 2}, new long[] {3, 2}, new long[] {4, 5},
            new long[] {6, 1}, new long[] {12, 11});
    static final List<Job> JOBS = List.of(
            new Job(1, "c1", "dev", 2010, true),
            new Job(1, "c2", "lead", 2015, false),
            new Job(2, "c3", null, Long.MIN_VALUE, false),
            new Job(4, "c4", "dev", Long.MAX_VALUE, true),
            new Job(5, "c5", "Dev", -5, null),
            new Job(8, "c1", "ops", 0, true));

    private Transport transport;
    private String graph;

    @BeforeAll
    void seed() {
        transport = new JedisTransportProvider().create(SharedServer.config());
        graph = TestGraphs.uniqueName(getClass());
        List<Map<String, Object>> people = new ArrayList<>();
        for (P p : PEOPLE) {
            people.add(map("uid", p.uid(), "name", p.name(), "age", p.age(), "active", p.active(), "tags", p.tags()));
        }
        List<Map<String, Object>> companies = new ArrayList<>();
        for (C c : COMPANIES) {
            companies.add(map("uid", c.uid(), "name", c.name(), "founded", c.founded(), "role", c.role()));
        }
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (A a : ADDRESSES) {
            addresses.add(map("uid", a.uid(), "city", a.city(), "zip_code", a.zip()));
        }
        write("UNWIND $rows AS r CREATE (n:Person) SET n = r", people);
        write("UNWIND $rows AS r CREATE (n:Company) SET n = r", companies);
        write("UNWIND $rows AS r CREATE (n:Address) SET n = r", addresses);
        // a node with another label must never be reached: Person knows a Robot named like a person
        write("UNWIND $rows AS r MATCH (p:Person {uid: 9}) CREATE (p)-[:KNOWS]->(:Robot {name: r})", List.of("Bob"));
        write("UNWIND $rows AS r MATCH (c:Company {uid: r[0]}), (a:Address {uid: r[1]}) CREATE (c)-[:LOCATED_AT]->(a)",
                LOCATED_AT.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
        write("UNWIND $rows AS r MATCH (p:Person {uid: r[0]}), (c:Company {uid: r[1]}) CREATE (p)-[:WORKS_AT]->(c)",
                WORKS_AT.stream().map(List::of).toList());
        write("UNWIND $rows AS r MATCH (a:Person {uid: r[0]}), (b:Person {uid: r[1]}) CREATE (a)-[:KNOWS]->(b)",
                KNOWS.stream().map(k -> List.of(k[0], k[1])).toList());
        write("UNWIND $rows AS r MATCH (a:Person {uid: r[0]}), (b:Person {uid: r[1]}) CREATE (a)-[:FOLLOWS]->(b)",
                FOLLOWS.stream().map(k -> List.of(k[0], k[1])).toList());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Job j : JOBS) {
            jobs.add(map("p", j.person(), "c", j.company(), "props", map("role", j.role(), "since", j.since(),
                    "current", j.current())));
        }
        write("UNWIND $rows AS r MATCH (p:Person {uid: r.p}), (c:Company {uid: r.c}) "
                + "CREATE (p)-[j:WORKED_AT]->(c) SET j = r.props", jobs);
        assertEquals(12L, transport.execute(GraphQuery.read(graph, "MATCH (n:Person) RETURN count(n)", Map.of()))
                .scalar().asJava());
    }

    @AfterAll
    void drop() {
        if (transport != null) {
            transport.deleteGraph(graph);
            transport.close();
        }
    }

    private void write(String cypher, List<?> rows) {
        transport.execute(GraphQuery.write(graph, cypher, Map.of("rows", rows)));
    }

    /** A map without the null values (the server refuses null properties in SET n = map). */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- the Java side of the data

    static C company(String uid) {
        return COMPANIES.stream().filter(c -> c.uid().equals(uid)).findFirst().orElseThrow();
    }

    static P person(long uid) {
        return PEOPLE.stream().filter(p -> p.uid() == uid).findFirst().orElseThrow();
    }

    static List<C> employers(P p) {
        return WORKS_AT.stream().filter(w -> (long) w[0] == p.uid()).map(w -> company((String) w[1])).toList();
    }

    static List<A> address(C c) {
        String a = LOCATED_AT.get(c.uid());
        return a == null ? List.of() : ADDRESSES.stream().filter(x -> x.uid().equals(a)).toList();
    }

    static List<P> friends(P p) {
        List<P> out = new ArrayList<>();
        for (long[] k : KNOWS) {
            if (k[0] == p.uid()) {
                out.add(person(k[1]));
            }
            if (k[1] == p.uid()) {
                out.add(person(k[0]));
            }
        }
        return out;
    }

    static List<P> followers(P p) {
        return FOLLOWS.stream().filter(f -> f[1] == p.uid()).map(f -> person(f[0])).toList();
    }

    static List<Job> jobs(P p) {
        return JOBS.stream().filter(j -> j.person() == p.uid()).toList();
    }

    static <T> boolean some(List<T> related, Predicate<T> test) {
        return related.stream().anyMatch(test);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- helpers

    private CypherCondition render(String method, List<?> args) {
        PartTree tree = PartTree.parse(method, Person.class, TestDomain.MODEL);
        return CypherCondition.render(tree, "n", args, Function.identity());
    }

    /** The uids selected on the server, checking that each person appears once. */
    private Set<Long> server(String method, List<?> args) {
        CypherCondition c = render(method, args);
        String cypher = "MATCH (n:Person) " + c.afterMatch() + " RETURN n.uid ORDER BY n.uid";
        QueryResult result = transport.execute(GraphQuery.read(graph, cypher, c.parameters()));
        List<Long> uids = new ArrayList<>();
        for (List<GraphValue> row : result.rows()) {
            uids.add((Long) row.get(0).asJava());
        }
        Set<Long> set = new TreeSet<>(uids);
        assertEquals(uids.size(), set.size(), () -> "no duplicates: " + cypher);
        String count = "MATCH (n:Person) " + c.afterMatch() + " RETURN count(n)";
        assertEquals((long) set.size(), transport.execute(GraphQuery.read(graph, count, c.parameters())).scalar().asJava(),
                "counts are exact");
        return set;
    }

    private void check(String method, Predicate<P> expected, Object... args) {
        List<Object> list = Arrays.asList(args);
        Set<Long> want = PEOPLE.stream().filter(expected).map(P::uid).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(want, server(method, list), () -> method + list + " rendered as " + render(method, list));
    }

    /** Checks that the method renders without a projection (a pattern predicate) and selects as expected. */
    private void predicate(String method, Predicate<P> expected, Object... args) {
        assertEquals("", render(method, Arrays.asList(args)).projection(), method);
        check(method, expected, args);
    }

    /** Checks that the method renders with a projection and selects as expected. */
    private void projected(String method, Predicate<P> expected, Object... args) {
        assertFalse(render(method, Arrays.asList(args)).projection().isEmpty(), method);
        check(method, expected, args);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void theDataCoversTheInterestingCases() {
        assertTrue(PEOPLE.stream().anyMatch(p -> employers(p).size() > 1));
        assertTrue(PEOPLE.stream().anyMatch(p -> employers(p).isEmpty()));
        assertTrue(PEOPLE.stream().anyMatch(p -> friends(p).size() > 1));
        assertTrue(PEOPLE.stream().anyMatch(p -> some(employers(p), c -> c.name() == null)));
    }

    @Test
    void equalitiesArePatternPredicates() {
        predicate("findByEmployer_Name", p -> some(employers(p), c -> "Acme".equals(c.name())), "Acme");
        predicate("findByEmployer_NameEquals", p -> some(employers(p), c -> "acme".equals(c.name())), "acme");
        predicate("findByEmployerAddressCity", p -> some(employers(p), c -> some(address(c),
                a -> "Paris".equals(a.city()))), "Paris");
        predicate("findByEmployerAddressZipCode", p -> some(employers(p), c -> some(address(c),
                a -> "00000".equals(a.zip()))), "00000");
        predicate("findByFriendsName", p -> some(friends(p), f -> "Bob".equals(f.name())), "Bob");
        predicate("findByFriendsAge", p -> some(friends(p), f -> Objects.equals(f.age(), 25)), 25);
        predicate("findByFriendsTags", p -> some(friends(p), f -> List.of("blue", "red").equals(f.tags())),
                List.of("blue", "red"));
        predicate("findByFollowersName", p -> some(followers(p), f -> "Ann".equals(f.name())), "Ann");
        predicate("findByFriendsActiveTrue", p -> some(friends(p), f -> Boolean.TRUE.equals(f.active())));
        predicate("findByFriendsActiveFalse", p -> some(friends(p), f -> Boolean.FALSE.equals(f.active())));
        predicate("findByFriendsEmployerAddressCity", p -> some(friends(p), f -> some(employers(f),
                c -> some(address(c), a -> "paris".equals(a.city())))), "paris");
        // a relationship with properties: the relationship's own, then the target's
        predicate("findByJobsRole", p -> some(jobs(p), j -> "dev".equals(j.role())), "dev");
        predicate("findByJobsSince", p -> some(jobs(p), j -> j.since() == Long.MIN_VALUE), Long.MIN_VALUE);
        predicate("findByJobsCurrentTrue", p -> some(jobs(p), j -> Boolean.TRUE.equals(j.current())));
        predicate("findByJobsName", p -> some(jobs(p), j -> "Acme".equals(company(j.company()).name())), "Acme");
        predicate("findByJobsAddressCity", p -> some(jobs(p), j -> some(address(company(j.company())),
                a -> "Rome".equals(a.city()))), "Rome");
        predicate("findByNameAndEmployer_NameOrAgeGreaterThan", p -> "Bob".equals(p.name())
                && some(employers(p), c -> "Acme".equals(c.name())) || p.age() != null && p.age() > 55, "Bob", "Acme", 55);
    }

    @Test
    void theRelationshipItself() {
        predicate("findByEmployerIsNull", p -> employers(p).isEmpty());
        predicate("findByEmployerIsNotNull", p -> !employers(p).isEmpty());
        predicate("findByEmployerIsEmpty", p -> employers(p).isEmpty());
        predicate("findByFriendsIsEmpty", p -> friends(p).isEmpty());
        predicate("findByFriendsIsNotEmpty", p -> !friends(p).isEmpty());
        predicate("findByFollowersIsEmpty", p -> followers(p).isEmpty());
        predicate("findByJobsIsNotEmpty", p -> !jobs(p).isEmpty());
        predicate("findByEmployerAddressIsNull", p -> !some(employers(p), c -> !address(c).isEmpty()));
        predicate("findByEmployer", p -> some(employers(p), c -> c.uid().equals("c1")), new Company("c1"));
        predicate("findByEmployer", p -> employers(p).isEmpty(), (Object) null);
        predicate("findByEmployerNot", p -> !employers(p).isEmpty(), (Object) null);
        predicate("findByFriendsContaining", p -> some(friends(p), f -> f.uid() == 2), new Person(2L));
        predicate("findByFriendsNotContaining", p -> !some(friends(p), f -> f.uid() == 2), new Person(2L));
        predicate("findByFriends", p -> some(friends(p), f -> f.uid() == 3), new Person(3L));
        predicate("findByFollowersContaining", p -> some(followers(p), f -> f.uid() == 1), new Person(1L));
        predicate("findByEmployerAddress", p -> some(employers(p), c -> some(address(c), a -> a.uid().equals("a2"))),
                new TestDomain.Address("a2"));
        projected("findByEmployerNot", p -> some(employers(p), c -> !c.uid().equals("c1")), new Company("c1"));
        projected("findByEmployerIn", p -> some(employers(p), c -> Set.of("c1", "c4").contains(c.uid())),
                List.of(new Company("c1"), new Company("c4")));
        projected("findByEmployerNotIn", p -> some(employers(p), c -> !Set.of("c1", "c3").contains(c.uid())),
                List.of(new Company("c1"), new Company("c3")));
    }

    @Test
    void otherOperatorsAreProjectedFlags() {
        projected("findByEmployer_NameStartingWith", p -> some(employers(p), c -> c.name() != null
                && c.name().startsWith("Ac")), "Ac");
        projected("findByEmployer_NameIgnoreCase", p -> some(employers(p), c -> "acme".equals(lower(c.name()))), "ACME");
        projected("findByEmployer_NameStartingWithIgnoreCase", p -> some(employers(p), c -> c.name() != null
                && lower(c.name()).startsWith("acme")), "ACME");
        projected("findByEmployer_NameNot", p -> some(employers(p), c -> c.name() != null && !c.name().equals("Acme")),
                "Acme");
        projected("findByEmployer_NameIsNull", p -> some(employers(p), c -> c.name() == null));
        projected("findByEmployer_NameIsNotNull", p -> some(employers(p), c -> c.name() != null));
        projected("findByEmployer_NameIsEmpty", p -> some(employers(p), c -> c.name() == null || c.name().isEmpty()));
        projected("findByEmployer_NameInIgnoreCase", p -> some(employers(p), c -> c.name() != null
                && Set.of("acme", "zeta").contains(lower(c.name()))), List.of("ACME", "ZETA"));
        projected("findByEmployer_NameNotIn", p -> some(employers(p), c -> c.name() != null
                && !Set.of("Acme", "Zeta").contains(c.name())), List.of("Acme", "Zeta"));
        projected("findByEmployerFoundedBetween", p -> some(employers(p), c -> c.founded() != null
                && c.founded() >= 1995 && c.founded() <= 2006), 1995, 2006);
        projected("findByEmployerAddressCityIgnoreCase", p -> some(employers(p), c -> some(address(c),
                a -> "paris".equals(lower(a.city())))), "PARIS");
        projected("findByFriendsAgeGreaterThan", p -> some(friends(p), f -> f.age() != null && f.age() > 30), 30);
        projected("findByFriendsNameLike", p -> some(friends(p), f -> f.name() != null && f.name().startsWith("A")),
                "A%");
        projected("findByFriendsTagsContaining", p -> some(friends(p), f -> f.tags() != null
                && f.tags().contains("red")), "red");
        projected("findByFriendsTagsIsEmpty", p -> some(friends(p), f -> f.tags() == null || f.tags().isEmpty()));
        projected("findByFollowersAgeLessThan", p -> some(followers(p), f -> f.age() != null && f.age() < 40), 40);
        projected("findByFriendsEmployerAddressCityEndsWith", p -> some(friends(p), f -> some(employers(f),
                c -> some(address(c), a -> a.city() != null && a.city().endsWith("is")))), "is");
        // properties of the relationship, 64-bit safe at the ends of the range
        projected("findByJobsSinceGreaterThan", p -> some(jobs(p), j -> j.since() > -10), -10L);
        projected("findByJobsSinceLessThan", p -> some(jobs(p), j -> j.since() < 1), 1L);
        projected("findByJobsSinceGreaterThanEqual", p -> some(jobs(p), j -> j.since() >= Long.MAX_VALUE), Long.MAX_VALUE);
        projected("findByJobsRoleIsNull", p -> some(jobs(p), j -> j.role() == null));
        projected("findByJobsRoleIgnoreCase", p -> some(jobs(p), j -> "dev".equals(lower(j.role()))), "DEV");
        projected("findByJobsCurrentIsNull", p -> some(jobs(p), j -> j.current() == null));
    }

    @Test
    void severalFlagsInOneStatement() {
        // FalkorDB empties a later comprehension reusing a variable of an earlier one; each has its own
        projected("findByEmployer_NameStartingWithAndFriendsNameStartingWith", p -> some(employers(p),
                c -> c.name() != null && c.name().startsWith("A")) && some(friends(p), f -> f.name() != null
                && f.name().startsWith("D")), "A", "D");
        projected("findByFriendsNameStartingWithOrFollowersNameStartingWith", p -> some(friends(p),
                f -> f.name() != null && f.name().startsWith("E")) || some(followers(p), f -> f.name() != null
                && f.name().startsWith("C")), "E", "C");
        projected("findByEmployer_NameStartingWithOrFriendsAgeGreaterThanAndNameAndFriendsName",
                p -> some(employers(p), c -> c.name() != null && c.name().startsWith("Z"))
                        || some(friends(p), f -> f.age() != null && f.age() > 30) && "ann".equals(p.name())
                        && some(friends(p), f -> "Bob".equals(f.name())), "Z", 30, "ann", "Bob");
        projected("findByJobsRoleIgnoreCaseAndJobsSinceLessThanAndEmployerIsNotNull", p -> some(jobs(p),
                j -> "dev".equals(lower(j.role()))) && some(jobs(p), j -> j.since() < 0) && !employers(p).isEmpty(),
                "DEV", 0L);
    }

    @Test
    void equalitiesNextToFlagsAreFlagsToo() {
        projected("findByJobsRoleAndEmployerIsNullAndFriendsIsNotEmptyAndFollowersActiveTrueOrEmployer_NameStartingWith",
                p -> some(jobs(p), j -> "dev".equals(j.role())) && employers(p).isEmpty() && !friends(p).isEmpty()
                        && some(followers(p), f -> Boolean.TRUE.equals(f.active()))
                        || some(employers(p), c -> c.name() != null && c.name().startsWith("Z")), "dev", "Z");
        projected("findByFriendsContainingAndFriendsNotContainingOrEmployerIn", p -> some(friends(p), f -> f.uid() == 3)
                && !some(friends(p), f -> f.uid() == 1) || some(employers(p), c -> c.uid().equals("c5")),
                new Person(3L), new Person(1L), List.of(new Company("c5")));
        projected("findByEmployerOrEmployerNotInOrEmployer_NameIsNull", p -> employers(p).isEmpty()
                || some(employers(p), c -> !c.uid().equals("c1")) || some(employers(p), c -> c.name() == null),
                null, List.of(new Company("c1")));
        predicate("findByEmployerNotAndFriendsName", p -> !employers(p).isEmpty()
                && some(friends(p), f -> "ann".equals(f.name())), null, "ann");
    }

    @Test
    void cachedTextBindsOtherArguments() {
        PartTree t = PartTree.parse("findByEmployer_NameStartingWithAndFriendsContaining", Person.class, TestDomain.MODEL);
        CypherCondition template = CypherCondition.render(t, "n", List.of("A", new Person(2L)), Function.identity());
        for (Object[] args : new Object[][] {{"A", 2L}, {"Z", 4L}, {"acme", 3L}, {"", 1L}}) {
            List<Object> list = List.of(args[0], new Person(args[1]));
            assertEquals(CypherCondition.textKey(t, List.of("A", new Person(2L))), CypherCondition.textKey(t, list));
            CypherCondition c = CypherCondition.bind(t, "n", list, Function.identity(), template);
            String cypher = "MATCH (n:Person) " + c.afterMatch() + " RETURN n.uid ORDER BY n.uid";
            List<Long> got = transport.execute(GraphQuery.read(graph, cypher, c.parameters())).rows().stream()
                    .map(r -> (Long) r.get(0).asJava()).toList();
            String prefix = (String) args[0];
            long friend = (long) args[1];
            List<Long> want = PEOPLE.stream().filter(p -> some(employers(p), x -> x.name() != null
                    && x.name().startsWith(prefix)) && some(friends(p), f -> f.uid() == friend)).map(P::uid).toList();
            assertEquals(want, got, Arrays.toString(args));
        }
        assertEquals(Stream.of(1L, 3L).toList(), server("findByFriendsContaining", List.of(new Person(2L))).stream().toList());
    }
}
