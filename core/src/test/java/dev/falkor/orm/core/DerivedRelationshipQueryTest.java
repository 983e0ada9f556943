package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.api.Repository;
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
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Derived queries whose conditions walk relationships ({@code findByEmployerName},
 * {@code countByFriendsIsNotEmpty}, {@code deleteByEmployerName}...) against the server. The
 * nodes are saved through the repositories with empty relationship fields, the edges created
 * with plain Cypher; every expectation is computed in Java from the same data.
 */
class DerivedRelationshipQueryTest extends GraphTestSupport {

    @Node("DrqAddress")
    static class Address {
        @Id String id;
        String city;

        Address() {
        }

        Address(String id, String city) {
            this.id = id;
            this.city = city;
        }
    }

    @Node("DrqCompany")
    static class Company {
        @Id String id;
        String name;
        @Relationship(type = "LOCATED_AT") Address address;

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

    @Node("DrqPerson")
    static class Person {
        @Id Long id;
        String name;
        Integer age;
        @Relationship(type = "WORKS_AT") Company employer;
        @Relationship(type = "KNOWS", direction = Direction.UNDIRECTED) List<Person> friends;
        @Relationship(type = "MANAGES", direction = Direction.INCOMING) List<Person> managers;
        @Relationship(type = "LIVES_AT") Ref<Address> home;
        @Relationship(type = "WORKED_AT") List<Employment> jobs;

        Person() {
        }

        Person(long id, String name, Integer age) {
            this.id = id;
            this.name = name;
            this.age = age;
        }
    }

    interface PersonRepository extends Repository<Person, Long> {
        List<Person> findByEmployerName(String name);

        List<Person> findByEmployerAddressCity(String city);

        long countByEmployerName(String name);

        int countByFriendsIsNotEmpty();

        boolean existsByFriendsName(String name);

        List<Person> findByFriendsName(String name);

        List<Person> findByManagersName(String name);

        List<Person> findByHomeCity(String city);

        List<Person> findByEmployerIsNull();

        List<Person> findByEmployerIsNotNull();

        List<Person> findByFriendsIsEmpty();

        List<Person> findByEmployer(Company company);

        List<Person> findByFriendsContaining(Person friend);

        List<Person> findByFriendsNotContaining(Person friend);

        List<Person> findByJobsRole(String role);

        List<Person> findByJobsName(String companyName);

        List<Person> findByNameOrEmployerName(String name, String employer);

        List<Person> findByEmployerNameOrderByAgeDesc(String name);

        Optional<Person> findFirstByFriendsNameOrderByAgeAsc(String name);

        Page<Person> findPageByFriendsIsNotEmpty(Pageable pageable);

        long deleteByEmployerName(String name);

        void deleteByFriendsName(String name);
    }

    interface CompanyRepository extends Repository<Company, String> {
        List<Company> findByAddressCity(String city);
    }

    interface AddressRepository extends Repository<Address, String> {
    }

    interface SortsByPath extends Repository<Person, Long> {
        List<Person> findByEmployerNameOrderByEmployerNameAsc(String name);
    }

    interface ComparesRelatedProperty extends Repository<Person, Long> {
        List<Person> findByEmployerNameStartingWith(String prefix);

        long countByEmployerNameStartingWithIgnoreCase(String prefix);

        dev.falkor.orm.api.Page<Person> findByEmployerNameStartingWith(String prefix, dev.falkor.orm.api.Pageable page);
    }

    interface ComparesRelatedEntity extends Repository<Person, Long> {
        List<Person> findByEmployerIn(List<Company> companies);
    }

    // ---------------------------------------------------------------- the data

    static final List<Person> PEOPLE = List.of(new Person(1, "Ann", 30), new Person(2, "Bob", 40),
            new Person(3, "Cy", 25), new Person(4, "Di", 50), new Person(5, "Ed", 35), new Person(6, "Flo", 28),
            new Person(7, "Gil", null), new Person(8, "Hal", 45));
    static final List<Company> COMPANIES = List.of(new Company("c1", "Acme"), new Company("c2", "Globex"),
            new Company("c3", "Initech"));
    static final List<Address> ADDRESSES = List.of(new Address("a1", "Paris"), new Address("a2", "Rome"));
    static final Map<Long, String> WORKS_AT = Map.of(1L, "c1", 2L, "c2", 3L, "c1", 5L, "c3", 6L, "c2", 8L, "c1");
    static final Map<String, String> LOCATED_AT = Map.of("c1", "a1", "c2", "a2");
    static final Map<Long, String> LIVES_AT = Map.of(1L, "a1", 2L, "a2", 6L, "a1");
    /** stored one way, mapped UNDIRECTED */
    static final List<long[]> KNOWS = List.of(new long[] {1, 2}, new long[] {3, 1}, new long[] {3, 4},
            new long[] {8, 2});
    /** manager to managed; Person.managers is INCOMING */
    static final List<long[]> MANAGES = List.of(new long[] {4, 1}, new long[] {4, 5}, new long[] {2, 6});
    /** person, company, role */
    static final List<Object[]> WORKED_AT = List.of(new Object[] {1L, "c1", "dev"}, new Object[] {3L, "c2", "ops"},
            new Object[] {5L, "c1", "dev"}, new Object[] {5L, "c2", "lead"});

    private PersonRepository people;

    @BeforeEach
    void seed() {
        people = orm.repository(PersonRepository.class);
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        // a save ignores relationship fields; they are empty here anyway
        orm.repository(AddressRepository.class).saveAll(ADDRESSES);
        orm.repository(CompanyRepository.class).saveAll(COMPANIES);
        people.saveAll(PEOPLE);
        edges("MATCH (a:DrqPerson {id: r[0]}), (b:DrqCompany {id: r[1]}) CREATE (a)-[:WORKS_AT]->(b)", WORKS_AT);
        edges("MATCH (a:DrqCompany {id: r[0]}), (b:DrqAddress {id: r[1]}) CREATE (a)-[:LOCATED_AT]->(b)", LOCATED_AT);
        edges("MATCH (a:DrqPerson {id: r[0]}), (b:DrqAddress {id: r[1]}) CREATE (a)-[:LIVES_AT]->(b)", LIVES_AT);
        pairs("MATCH (a:DrqPerson {id: r[0]}), (b:DrqPerson {id: r[1]}) CREATE (a)-[:KNOWS]->(b)", KNOWS);
        pairs("MATCH (a:DrqPerson {id: r[0]}), (b:DrqPerson {id: r[1]}) CREATE (a)-[:MANAGES]->(b)", MANAGES);
        orm.query("UNWIND $rows AS r MATCH (a:DrqPerson {id: r[0]}), (b:DrqCompany {id: r[1]}) "
                + "CREATE (a)-[:WORKED_AT {role: r[2]}]->(b)").param("rows", WORKED_AT.stream().map(List::of).toList())
                .write().execute();
        // a node of another label behind a KNOWS must never count as a friend
        cypher("MATCH (p:DrqPerson {id: 7}) CREATE (p)-[:KNOWS]->(:Robot {name: 'Ann'})", Map.of());
        assertEquals(8, count("(p:DrqPerson)"));
        assertEquals(6, count("()-[:WORKS_AT]->()"));
        assertEquals(5, count("()-[:KNOWS]->()"));
    }

    private void edges(String match, Map<?, ?> pairs) {
        orm.query("UNWIND $rows AS r " + match).param("rows", pairs.entrySet().stream()
                .map(e -> List.of(e.getKey(), e.getValue())).toList()).write().execute();
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
        return Optional.ofNullable(WORKS_AT.get(p.id)).map(DerivedRelationshipQueryTest::company);
    }

    static Optional<Address> address(Company c) {
        return ADDRESSES.stream().filter(a -> a.id.equals(LOCATED_AT.get(c.id))).findFirst();
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

    static List<Long> ids(List<Person> found) {
        List<Long> ids = found.stream().map(p -> p.id).sorted().toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "each person once: " + ids);
        return ids;
    }

    private List<Long> remaining() {
        List<Long> out = new ArrayList<>();
        for (List<GraphValue> row : cypher("MATCH (p:DrqPerson) RETURN p.id ORDER BY p.id", Map.of()).rows()) {
            out.add(((IntegerValue) row.get(0)).value());
        }
        return out;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void propertiesOfRelatedNodes() {
        assertEquals(List.of(1L, 3L, 8L), ids(people.findByEmployerName("Acme")));
        assertEquals(expected(p -> employer(p).filter(c -> c.name.equals("Globex")).isPresent()),
                ids(people.findByEmployerName("Globex")));
        assertEquals(List.of(), people.findByEmployerName("acme"));
        assertEquals(expected(p -> employer(p).flatMap(DerivedRelationshipQueryTest::address)
                .filter(a -> a.city.equals("Rome")).isPresent()), ids(people.findByEmployerAddressCity("Rome")));
        assertEquals(List.of(2L, 3L), ids(people.findByFriendsName("Ann")), "KNOWS either way, never the Robot");
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.name.equals("Bob"))),
                ids(people.findByFriendsName("Bob")));
        assertEquals(List.of(1L, 5L), ids(people.findByManagersName("Di")), "INCOMING");
        assertEquals(List.of(1L, 6L), ids(people.findByHomeCity("Paris")), "through a Ref");
        assertEquals(List.of(), people.findByHomeCity("Oslo"));
        assertEquals(expected(p -> p.name.equals("Gil") || employer(p).filter(c -> c.name.equals("Initech")).isPresent()),
                ids(people.findByNameOrEmployerName("Gil", "Initech")));
        // relationships with properties: the relationship's own, then the target's
        assertEquals(List.of(1L, 5L), ids(people.findByJobsRole("dev")));
        assertEquals(expected(p -> jobs(p).stream().anyMatch(j -> j[1].equals("c2"))), ids(people.findByJobsName("Globex")));
        // a company repository walks its own relationships
        assertEquals(List.of("c1"), orm.repository(CompanyRepository.class).findByAddressCity("Paris").stream()
                .map(c -> c.id).toList());
    }

    @Test
    void theRelationshipsThemselves() {
        assertEquals(expected(p -> employer(p).isEmpty()), ids(people.findByEmployerIsNull()));
        assertEquals(List.of(4L, 7L), ids(people.findByEmployerIsNull()));
        assertEquals(expected(p -> employer(p).isPresent()), ids(people.findByEmployerIsNotNull()));
        assertEquals(expected(p -> friends(p).isEmpty()), ids(people.findByFriendsIsEmpty()));
        assertTrue(ids(people.findByFriendsIsEmpty()).contains(7L), "the Robot is no Person");
        assertEquals((int) PEOPLE.stream().filter(p -> !friends(p).isEmpty()).count(), people.countByFriendsIsNotEmpty());
        assertEquals(List.of(1L, 3L, 8L), ids(people.findByEmployer(company("c1"))));
        assertEquals(expected(p -> employer(p).isEmpty()), ids(people.findByEmployer(null)), "null: no employer");
        assertEquals(expected(p -> friends(p).stream().anyMatch(f -> f.id == 1L)),
                ids(people.findByFriendsContaining(person(1))));
        assertEquals(expected(p -> friends(p).stream().noneMatch(f -> f.id == 1L)),
                ids(people.findByFriendsNotContaining(person(1))));
        IllegalArgumentException unsaved = assertThrows(IllegalArgumentException.class,
                () -> people.findByEmployer(new Company(null, "New")));
        assertTrue(unsaved.getMessage().contains("findByEmployer") && unsaved.getMessage().contains("without an id"),
                unsaved.getMessage());
    }

    @Test
    void countsExistsSortingPagingStayPerPerson() {
        assertEquals(3L, people.countByEmployerName("Acme"));
        assertEquals(0L, people.countByEmployerName("Nobody"));
        assertTrue(people.existsByFriendsName("Bob"));
        assertFalse(people.existsByFriendsName("Robot"));
        assertEquals(List.of(8L, 1L, 3L), people.findByEmployerNameOrderByAgeDesc("Acme").stream().map(p -> p.id).toList());
        // people with a friend named Ann: Bob (40) and Cy (25)
        assertEquals(3L, people.findFirstByFriendsNameOrderByAgeAsc("Ann").orElseThrow().id);
        assertTrue(people.findFirstByFriendsNameOrderByAgeAsc("Zed").isEmpty());
        List<Long> withFriends = expected(p -> !friends(p).isEmpty());
        Page<Person> first = people.findPageByFriendsIsNotEmpty(Pageable.of(0, 2));
        assertEquals(withFriends.size(), first.totalElements(), "Ann has two friends but counts once");
        List<Long> paged = new ArrayList<>();
        for (Page<Person> page = first; ; page = people.findPageByFriendsIsNotEmpty(page.nextPageable())) {
            page.content().forEach(p -> paged.add(p.id));
            if (!page.hasNext()) {
                break;
            }
        }
        assertEquals(withFriends, paged.stream().sorted().toList());
    }

    @Test
    void deletesByPath() {
        List<Long> globex = expected(p -> employer(p).filter(c -> c.name.equals("Globex")).isPresent());
        assertEquals(globex.size(), people.deleteByEmployerName("Globex"));
        assertEquals(expected(p -> !globex.contains(p.id)), remaining());
        assertEquals(3, count("(c:DrqCompany)"), "the companies stay");
        assertEquals(0, count("()-[:WORKS_AT]->(:DrqCompany {id: 'c2'})"), "the deleted people's edges went with them");
        assertEquals(0L, people.deleteByEmployerName("Globex"));
        // a self-referencing path: everyone who knows Ann, decided on the graph before the delete
        List<Long> before = remaining();
        List<Long> knowAnn = expected(p -> before.contains(p.id) && friends(p).stream()
                .anyMatch(f -> f.name.equals("Ann") && before.contains(f.id)));
        people.deleteByFriendsName("Ann");
        assertEquals(before.stream().filter(id -> !knowAnn.contains(id)).toList(), remaining());
        assertEquals(1L, ((IntegerValue) scalar("MATCH (r:Robot) RETURN count(r)", Map.of())).value());
    }

    @Test
    void sortingByAPathFailsAtBootstrapAndProjectedOperatorsWork() {
        MappingException sort = assertThrows(MappingException.class, () -> orm.repository(SortsByPath.class));
        assertTrue(sort.getMessage().contains("findByEmployerNameOrderByEmployerNameAsc")
                && sort.getMessage().contains("OrderBy cannot sort by 'employer.name'"), sort.getMessage());
        // operators the server evaluates only in a projection: the statements place it
        assertEquals(List.of(1L, 3L, 8L), ids(orm.repository(ComparesRelatedProperty.class)
                .findByEmployerNameStartingWith("Ac")));
        ComparesRelatedProperty related = orm.repository(ComparesRelatedProperty.class);
        assertEquals(List.of(), ids(related.findByEmployerNameStartingWith("Zz")));
        assertEquals(3L, related.countByEmployerNameStartingWithIgnoreCase("aC"));
        dev.falkor.orm.api.Page<Person> page = related.findByEmployerNameStartingWith("Ac",
                dev.falkor.orm.api.Pageable.of(0, 2, dev.falkor.orm.api.Sort.by("id")));
        assertEquals(3L, page.totalElements());
        assertEquals(List.of(1L, 3L), page.content().stream().map(p -> p.id).toList());
        assertEquals(List.of(1L, 3L, 8L), ids(orm.repository(ComparesRelatedEntity.class)
                .findByEmployerIn(List.of(COMPANIES.get(0)))));
        IllegalArgumentException nullName = assertThrows(IllegalArgumentException.class,
                () -> people.findByEmployerName(null));
        assertTrue(nullName.getMessage().contains("employer.name") && nullName.getMessage().contains("IsNull"),
                nullName.getMessage());
        assertEquals(List.of(1L, 3L, 8L), ids(people.findByEmployerName("Acme")), "the repository still works");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), remaining());
    }
}
