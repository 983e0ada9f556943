package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Slice;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Relationship.Direction;
import dev.falkor.orm.api.annotation.RelationshipProperties;
import dev.falkor.orm.api.annotation.TargetNode;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Derived queries through relationship paths, combined with fetch plans, windows, Or/And mixes. */
class DerivedPathEdgeCasesTest extends GraphTestSupport {

    @Node("RvCompany")
    static class Company {
        @Id String id;
        String name;

        Company() {
        }

        Company(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @RelationshipProperties
    static class Employment {
        @TargetNode Company company;
        String role;
    }

    @Node("RvPerson")
    static class Person {
        @Id Long id;
        String name;
        Long score;
        @Relationship(type = "WORKS_AT") Company employer;
        @Relationship(type = "KNOWS", direction = Direction.UNDIRECTED) List<Person> friends;
        @Relationship(type = "MANAGES", direction = Direction.INCOMING) List<Person> managers;
        @Relationship(type = "WORKED_AT") List<Employment> jobs;

        Person() {
        }

        Person(long id, String name, Long score) {
            this.id = id;
            this.name = name;
            this.score = score;
        }
    }

    interface People extends Repository<Person, Long> {
        List<Person> findByJobsRoleStartingWith(String prefix, FetchPlan plan);

        List<Person> findByIdIn(List<Long> ids, FetchPlan plan);

        List<Person> findDistinctByFriendsNameStartingWithOrderByNameAsc(String prefix);

        List<Person> findByEmployerNameOrFriendsName(String employer, String friend);

        List<Person> findByEmployerIsNullOrFriendsIsEmpty();

        List<Person> findByEmployerIsNullAndFriendsIsNotEmpty();

        List<Person> findByJobsRoleOrEmployerNameOrManagersName(String role, String employer, String manager);

        long countByNameAndEmployerNameOrNameAndFriendsName(String n1, String e, String n2, String f);

        List<Person> findByFriendsFriendsName(String name);

        List<Person> findByManagersEmployerName(String name);

        List<Person> findDistinctByEmployerName(String name, dev.falkor.orm.api.Sort sort);

        List<Person> findByEmployerIsNullOrFriendsNameStartingWith(String prefix);

        Window<Person> findFirst3ByFriendsNameStartingWithOrderByScoreDesc(String prefix, ScrollPosition position);

        java.util.stream.Stream<Person> streamByEmployerNameEndingWith(String suffix);

        List<Person> findByEmployerNameStartingWith(String prefix, FetchPlan plan);

        List<Person> findByFriendsNameStartingWith(String prefix, FetchPlan plan);

        Window<Person> findFirst2ByEmployerNameStartingWithOrderByNameAsc(String prefix, ScrollPosition position);

        Window<Person> findFirst2ByEmployerNameStartingWith(String prefix, ScrollPosition position, FetchPlan plan);

        List<Person> findByFriendsNameInIgnoreCaseOrEmployerNameInIgnoreCase(List<String> a, List<String> b);

        List<Person> findByFriendsNameInIgnoreCaseAndNameInIgnoreCase(List<String> a, List<String> b);

        long countByFriendsScoreGreaterThan(long score);

        long countByFriendsScoreLessThan(long score);

        List<Person> findByNameOrFriendsNameStartingWithAndEmployerIsNull(String name, String prefix);

        boolean existsByJobsRoleStartingWith(String prefix);

        long deleteByJobsRoleStartingWith(String prefix);

        Slice<Person> findByFriendsNameStartingWith(String prefix, Pageable page);

        List<Person> findDistinctByFriendsNameStartingWith(String prefix, FetchPlan plan);

        List<Person> findByEmployerIn(List<Company> companies);

        List<Person> findByEmployerNotIn(List<Company> companies);

        List<Person> findByFriendsNot(Person p);

        List<Person> findByJobsContaining(Company c);

        List<Person> findByJobs(Company c);

        List<Person> findByManagersNameStartingWith(String prefix);

        List<Person> findByJobsRoleAndJobsName(String role, String company);

        List<Person> findByJobsRoleStartingWithAndJobsName(String role, String company);

        List<Person> findByEmployerNameOrFriendsNameStartingWith(String employer, String prefix);

        long countDistinctByFriendsNameStartingWith(String prefix);

        List<Person> findByFriendsNameLikeIgnoreCase(String like);

        List<Person> findByFriendsScoreBetween(long a, long b);
    }

    interface Companies extends Repository<Company, String> {
    }

    static final List<Person> PEOPLE = List.of(new Person(1, "Ann", 10L), new Person(2, "Bob", Long.MIN_VALUE),
            new Person(3, "Cy", 5L), new Person(4, "Di", Long.MAX_VALUE), new Person(5, "Ed", -3L),
            new Person(6, "Flo", null), new Person(7, "Gil", 0L), new Person(1L << 40, "Big", 1L));
    static final List<Company> COMPANIES = List.of(new Company("c1", "Acme"), new Company("c2", "Globex"),
            new Company("c3", "Initech"));
    static final Map<Long, String> WORKS_AT = Map.of(1L, "c1", 2L, "c2", 3L, "c1", 5L, "c3", 6L, "c2", 1L << 40, "c1");
    static final List<long[]> KNOWS = List.of(new long[] {1, 2}, new long[] {3, 1}, new long[] {3, 4},
            new long[] {1L << 40, 2}, new long[] {6, 7});
    static final List<long[]> MANAGES = List.of(new long[] {4, 1}, new long[] {4, 5}, new long[] {2, 6});
    static final List<Object[]> WORKED_AT = List.of(new Object[] {1L, "c1", "dev"}, new Object[] {3L, "c2", "ops"},
            new Object[] {5L, "c1", "dev"}, new Object[] {5L, "c2", "lead"}, new Object[] {1L << 40, "c3", "devops"});

    private People people;
    /** The statements sent, newest last (to show the failing Cypher in messages). */
    final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.transport(new Capturing(transport, sent));
    }

    String last() {
        return sent.isEmpty() ? "" : sent.get(sent.size() - 1);
    }

    static final class Capturing extends dev.falkor.orm.spi.ForwardingTransport {
        private final List<String> log;

        Capturing(dev.falkor.orm.spi.Transport next, List<String> log) {
            super(next);
            this.log = log;
        }

        @Override
        public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery q) {
            log.add(q.cypher());
            return super.execute(q);
        }

        @Override
        public java.util.concurrent.CompletionStage<dev.falkor.orm.spi.QueryResult> executeAsync(
                dev.falkor.orm.spi.GraphQuery q) {
            log.add(q.cypher());
            return super.executeAsync(q);
        }
    }

    @BeforeEach
    void seed() {
        people = orm.repository(People.class);
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        orm.repository(Companies.class).saveAll(COMPANIES);
        people.saveAll(PEOPLE);
        orm.query("UNWIND $rows AS r MATCH (a:RvPerson {id: r[0]}), (b:RvCompany {id: r[1]}) CREATE (a)-[:WORKS_AT]->(b)")
                .param("rows", WORKS_AT.entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList())
                .write().execute();
        pairs("MATCH (a:RvPerson {id: r[0]}), (b:RvPerson {id: r[1]}) CREATE (a)-[:KNOWS]->(b)", KNOWS);
        pairs("MATCH (a:RvPerson {id: r[0]}), (b:RvPerson {id: r[1]}) CREATE (a)-[:MANAGES]->(b)", MANAGES);
        orm.query("UNWIND $rows AS r MATCH (a:RvPerson {id: r[0]}), (b:RvCompany {id: r[1]}) "
                + "CREATE (a)-[:WORKED_AT {role: r[2]}]->(b)").param("rows", WORKED_AT.stream().map(List::of).toList())
                .write().execute();
    }

    private void pairs(String match, List<long[]> pairs) {
        orm.query("UNWIND $rows AS r " + match).param("rows", pairs.stream().map(p -> List.of(p[0], p[1])).toList())
                .write().execute();
    }

    static Person person(long id) {
        return PEOPLE.stream().filter(p -> p.id == id).findFirst().orElseThrow();
    }

    static Company company(String id) {
        return COMPANIES.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
    }

    static Optional<Company> employer(Person p) {
        return Optional.ofNullable(WORKS_AT.get(p.id)).map(DerivedPathEdgeCasesTest::company);
    }

    static List<Person> friends(Person p) {
        List<Person> out = new ArrayList<>();
        for (long[] k : KNOWS) {
            if (k[0] == p.id) {
                out.add(person(k[1]));
            } else if (k[1] == p.id) {
                out.add(person(k[0]));
            }
        }
        return out;
    }

    static List<Person> managers(Person p) {
        return MANAGES.stream().filter(m -> m[1] == p.id).map(m -> person(m[0])).toList();
    }

    static List<Object[]> jobs(Person p) {
        return WORKED_AT.stream().filter(j -> (long) j[0] == p.id).toList();
    }

    static List<Long> expected(Predicate<Person> p) {
        return PEOPLE.stream().filter(p).map(x -> x.id).sorted().toList();
    }

    static List<Long> ids(Iterable<Person> found) {
        List<Long> ids = new ArrayList<>();
        found.forEach(p -> ids.add(p.id));
        ids.sort(null);
        assertEquals(ids.size(), ids.stream().distinct().count(), "each person once: " + ids);
        return ids;
    }

    private List<Long> remaining() {
        List<Long> out = new ArrayList<>();
        for (List<GraphValue> row : cypher("MATCH (p:RvPerson) RETURN p.id ORDER BY p.id", Map.of()).rows()) {
            out.add(((IntegerValue) row.get(0)).value());
        }
        return out;
    }

    // ---------------------------------------------------------------- fetch plans with projected conditions

    @Test
    void projectedEdgeConditionWithFetchPlanOfTheSameRelationship() {
        List<Person> found = people.findByJobsRoleStartingWith("dev", FetchPlan.of("jobs"));
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> ((String) j[2]).startsWith("dev"))), ids(found));
        for (Person p : found) {
            assertEquals(jobs(p).size(), p.jobs.size(), "jobs of " + p.name + " loaded by the plan");
        }
    }

    @Test
    void projectedEdgeConditionWithFetchPlanOfAnotherRelationship() {
        List<Person> found = people.findByJobsRoleStartingWith("dev", FetchPlan.of("employer"));
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> ((String) j[2]).startsWith("dev"))), ids(found));
        for (Person p : found) {
            assertEquals(employer(p).map(c -> c.id).orElse(null), p.employer == null ? null : p.employer.id,
                    "employer of " + p.name + " loaded by the plan");
        }
    }

    @Test
    void projectedNodeConditionWithFetchPlan() {
        List<Person> found = people.findByEmployerNameStartingWith("Ac", FetchPlan.of("employer", "friends"));
        assertEquals(expected(p -> employer(p).filter(c -> c.name.startsWith("Ac")).isPresent()), ids(found));
        for (Person p : found) {
            assertTrue(p.employer != null && "c1".equals(p.employer.id), "employer of " + p.name + ": " + last());
            assertEquals(friends(p).size(), p.friends.size(), "friends of " + p.name);
        }
    }

    @Test
    void controlFetchPlanWithoutPathCondition() {
        for (Person p : people.findAll(FetchPlan.of("employer", "friends"))) {
            assertEquals(employer(p).map(c -> c.id).orElse(null), p.employer == null ? null : p.employer.id,
                    "findAll: employer of " + p.name + ": " + last());
        }
        for (Person p : people.findByIdIn(List.of(1L, 3L, 1L << 40), FetchPlan.of("employer", "friends"))) {
            assertEquals(employer(p).map(c -> c.id).orElse(null), p.employer == null ? null : p.employer.id,
                    "findByIdIn: employer of " + p.name + ": " + last());
        }
    }

    @Test
    void projectedConditionWithStagedFetchPlanAndDistinct() {
        List<Person> found = people.findDistinctByFriendsNameStartingWith("B", FetchPlan.of("friends.employer"));
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.name.startsWith("B"))), ids(found));
        for (Person p : found) {
            assertEquals(friends(p).size(), p.friends.size(), "friends of " + p.name);
            for (Person f : p.friends) {
                assertEquals(employer(person(f.id)).map(c -> c.id).orElse(null),
                        f.employer == null ? null : f.employer.id, "employer of friend " + f.name + ": " + last());
            }
        }
    }

    // ---------------------------------------------------------------- windows

    @Test
    void windowOverProjectedCondition() {
        List<String> names = new ArrayList<>();
        ScrollPosition pos = ScrollPosition.initial();
        for (int guard = 0; guard < 10; guard++) {
            Window<Person> w = people.findFirst2ByEmployerNameStartingWithOrderByNameAsc("Ac", pos);
            w.forEach(p -> names.add(p.name));
            if (!w.hasNext()) {
                break;
            }
            pos = w.nextPosition();
        }
        assertEquals(PEOPLE.stream().filter(p -> employer(p).filter(c -> c.name.startsWith("Ac")).isPresent())
                .map(p -> p.name).sorted().toList(), names);
    }

    @Test
    void windowWithFetchPlanLoadsThePlan() {
        Window<Person> w = people.findFirst2ByEmployerNameStartingWith("Ac", ScrollPosition.initial(),
                FetchPlan.of("employer"));
        assertEquals(2, w.content().size());
        for (Person p : w) {
            assertTrue(p.employer != null && "c1".equals(p.employer.id),
                    "FetchPlan argument of a Window method must load employer of " + p.name + ", was " + p.employer + ": " + last());
        }
    }

    // ---------------------------------------------------------------- In IgnoreCase, 64-bit

    @Test
    void inIgnoreCaseOnTwoPathsInOneStatement() {
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.name.equals("Ann"))
                        || employer(p).filter(c -> c.name.equals("Initech")).isPresent()),
                ids(people.findByFriendsNameInIgnoreCaseOrEmployerNameInIgnoreCase(List.of("ANN"), List.of("initech"))));
    }

    @Test
    void inIgnoreCaseOnPathAndLocal() {
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.name.equals("Bob"))
                        && List.of("ann", "big").contains(p.name.toLowerCase())),
                ids(people.findByFriendsNameInIgnoreCaseAndNameInIgnoreCase(List.of("bOB"), List.of("ANN", "big"))));
    }

    @Test
    void sixtyFourBitComparisonsOnPaths() {
        for (long v : new long[] {Long.MIN_VALUE, -5, 0, 7, Long.MAX_VALUE - 1, 1000}) {
            assertEquals(PEOPLE.stream().filter(p -> friends(p).stream().anyMatch(f -> f.score != null && f.score > v))
                    .count(), people.countByFriendsScoreGreaterThan(v), "> " + v);
            assertEquals(PEOPLE.stream().filter(p -> friends(p).stream().anyMatch(f -> f.score != null && f.score < v))
                    .count(), people.countByFriendsScoreLessThan(v), "< " + v);
        }
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.score != null && f.score >= Long.MIN_VALUE
                && f.score <= 0)), ids(people.findByFriendsScoreBetween(Long.MIN_VALUE, 0)));
    }

    // ---------------------------------------------------------------- mixes

    @Test
    void orAndMixWithProjectedAndPredicateParts() {
        assertEquals(expected(p -> p.name.equals("Di") || (friends(p).stream().anyMatch(f -> f.name.startsWith("G"))
                        && employer(p).isEmpty())),
                ids(people.findByNameOrFriendsNameStartingWithAndEmployerIsNull("Di", "G")));
        assertEquals(expected(p -> employer(p).filter(c -> c.name.equals("Initech")).isPresent()
                        || friends(p).stream().anyMatch(f -> f.name.startsWith("D"))),
                ids(people.findByEmployerNameOrFriendsNameStartingWith("Initech", "D")));
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> j[2].equals("dev"))
                        && jobs(p).stream().anyMatch(j -> company((String) j[1]).name.equals("Globex"))),
                ids(people.findByJobsRoleAndJobsName("dev", "Globex")));
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> ((String) j[2]).startsWith("de"))
                        && jobs(p).stream().anyMatch(j -> company((String) j[1]).name.equals("Initech"))),
                ids(people.findByJobsRoleStartingWithAndJobsName("de", "Initech")));
        assertEquals(expected(p -> managers(p).stream().anyMatch(m -> m.name.startsWith("D"))),
                ids(people.findByManagersNameStartingWith("D")));
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.name.toLowerCase().matches("b.b"))),
                ids(people.findByFriendsNameLikeIgnoreCase("B_B")));
        assertEquals(PEOPLE.stream().filter(p -> friends(p).stream().anyMatch(f -> f.name.startsWith("A"))).count(),
                people.countDistinctByFriendsNameStartingWith("A"));
    }

    @Test
    void entityArguments() {
        List<Company> c1c3 = List.of(company("c1"), company("c3"));
        assertEquals(expected(p -> employer(p).filter(c -> c1c3.contains(c)).isPresent()), ids(people.findByEmployerIn(c1c3)));
        assertEquals(expected(p -> employer(p).filter(c -> !c1c3.contains(c)).isPresent()),
                ids(people.findByEmployerNotIn(c1c3)));
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.id != 2L)), ids(people.findByFriendsNot(person(2))));
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> j[1].equals("c2"))), ids(people.findByJobsContaining(company("c2"))));
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> j[1].equals("c3"))), ids(people.findByJobs(company("c3"))));
    }

    // ---------------------------------------------------------------- exists, delete, slice

    @Test
    void existsDeleteSliceWithProjection() {
        assertTrue(people.existsByJobsRoleStartingWith("le"));
        assertFalse(people.existsByJobsRoleStartingWith("zz"));
        List<Long> friendsB = expected(p -> friends(p).stream().anyMatch(f -> f.name.startsWith("B")));
        List<Long> sliced = new ArrayList<>();
        Slice<Person> s = people.findByFriendsNameStartingWith("B", Pageable.of(0, 1));
        for (int guard = 0; guard < 20; guard++) {
            s.forEach(p -> sliced.add(p.id));
            if (!s.hasNext()) {
                break;
            }
            s = people.findByFriendsNameStartingWith("B", s.nextPageable());
        }
        assertEquals(friendsB, sliced.stream().sorted().toList());
        List<Long> dev = expected(p -> jobs(p).stream().anyMatch(j -> ((String) j[2]).startsWith("dev")));
        assertEquals(dev.size(), people.deleteByJobsRoleStartingWith("dev"));
        assertEquals(expected(p -> !dev.contains(p.id)), remaining());
    }

    @Test
    void distinctWithOrderBy() {
        assertEquals(PEOPLE.stream().filter(p -> friends(p).stream().anyMatch(f -> f.name.startsWith("B")))
                .map(p -> p.name).sorted().toList(),
                people.findDistinctByFriendsNameStartingWithOrderByNameAsc("B").stream().map(p -> p.name).toList());
        assertEquals(PEOPLE.stream().filter(p -> employer(p).filter(c -> c.name.equals("Acme")).isPresent())
                .map(p -> p.name).sorted(java.util.Comparator.reverseOrder()).toList(),
                people.findDistinctByEmployerName("Acme", dev.falkor.orm.api.Sort.by(
                        dev.falkor.orm.api.Sort.Direction.DESC, "name")).stream().map(p -> p.name).toList());
    }

    @Test
    void moreMixes() {
        assertEquals(expected(p -> employer(p).isEmpty() || friends(p).stream().anyMatch(f -> f.name.startsWith("G"))),
                ids(people.findByEmployerIsNullOrFriendsNameStartingWith("G")));
        assertEquals(expected(p -> employer(p).filter(c -> c.name.endsWith("me")).isPresent()),
                ids(people.streamByEmployerNameEndingWith("me").toList()));
        List<Long> scores = new ArrayList<>();
        ScrollPosition pos = ScrollPosition.initial();
        for (int guard = 0; guard < 10; guard++) {
            Window<Person> w = people.findFirst3ByFriendsNameStartingWithOrderByScoreDesc("", pos);
            w.forEach(p -> scores.add(p.score));
            if (!w.hasNext()) {
                break;
            }
            pos = w.nextPosition();
        }
        List<Long> want = new ArrayList<>(PEOPLE.stream().filter(p -> !friends(p).isEmpty()).map(p -> p.score).toList());
        want.sort(java.util.Comparator.nullsFirst(java.util.Comparator.<Long>reverseOrder()));
        assertEquals(want, scores);
    }

    @Test
    void predicateOnlyOrMixes() {
        assertEquals(expected(p -> employer(p).filter(c -> c.name.equals("Initech")).isPresent()
                        || friends(p).stream().anyMatch(f -> f.name.equals("Bob"))),
                ids(people.findByEmployerNameOrFriendsName("Initech", "Bob")), last());
        assertEquals(expected(p -> employer(p).isEmpty() || friends(p).isEmpty()),
                ids(people.findByEmployerIsNullOrFriendsIsEmpty()), last());
        assertEquals(expected(p -> employer(p).isEmpty() && !friends(p).isEmpty()),
                ids(people.findByEmployerIsNullAndFriendsIsNotEmpty()), last());
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> j[2].equals("lead"))
                        || employer(p).filter(c -> c.name.equals("Globex")).isPresent()
                        || managers(p).stream().anyMatch(m -> m.name.equals("Di"))),
                ids(people.findByJobsRoleOrEmployerNameOrManagersName("lead", "Globex", "Di")), last());
        assertEquals(PEOPLE.stream().filter(p -> (p.name.equals("Ann") && employer(p).filter(c -> c.name.equals("Acme"))
                        .isPresent()) || (p.name.equals("Gil") && friends(p).stream().anyMatch(f -> f.name.equals("Flo"))))
                .count(), people.countByNameAndEmployerNameOrNameAndFriendsName("Ann", "Acme", "Gil", "Flo"), last());
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> friends(f).stream().anyMatch(g -> g.name.equals("Di")))),
                ids(people.findByFriendsFriendsName("Di")), last());
        assertEquals(expected(p -> managers(p).stream().anyMatch(m -> employer(m).filter(c -> c.name.equals("Globex"))
                .isPresent())), ids(people.findByManagersEmployerName("Globex")), last());
    }
}
