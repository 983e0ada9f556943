package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Slice;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.core.model.MemberRepository;
import dev.falkor.orm.spi.value.StringValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Derived queries, @Query methods, paging, sorting and scrolling on a data set with mixed
 * case, nulls, ties and enough rows for page boundaries. Every expectation is computed in
 * Java from the same data, so a wrongly implemented keyword fails.
 */
class QueryMethodsTest extends GraphTestSupport {
    private static final String[] NAMES = {"alice", "Alice", "ALBERT", "bob", "Bobby", "carol", "Carl", "dave",
        "Dave", "eve", "Eva", "frank", "Franz", "grace", "Gregor", "heidi", "Hal", "ivan", "Ivy", "judy"};
    private static final String[] CITIES = {"Paris", "paris", "Berlin", "Dublin", null};

    private MemberRepository members;
    private final List<Member> data = new ArrayList<>();

    @BeforeAll
    void seed() {
        members = orm.repository(MemberRepository.class);
        for (int i = 0; i < 63; i++) {
            String name = NAMES[i % NAMES.length] + (i >= NAMES.length ? "_" + i : "");
            Integer age = i % 9 == 0 ? null : 18 + (i * 7) % 50;
            List<String> tags = i % 4 == 0 ? List.of() : List.of("t" + (i % 3), i % 2 == 0 ? "even" : "odd");
            data.add(new Member(i, name, age, i % 3 != 0, i * 0.1 + 0.2, CITIES[i % CITIES.length], tags,
                    LocalDate.of(2000 + i % 20, 1 + i % 12, 1 + i % 28)));
        }
        members.saveAll(data);
        assertEquals(63, count("(m:Member)"));
    }

    private List<Long> expected(Predicate<Member> p) {
        return data.stream().filter(p).map(Member::getNumber).sorted().toList();
    }

    private static List<Long> numbers(Iterable<Member> ms) {
        List<Long> out = new ArrayList<>();
        ms.forEach(m -> out.add(m.getNumber()));
        return out.stream().sorted().toList();
    }

    private static List<Long> ordered(Iterable<Member> ms) {
        List<Long> out = new ArrayList<>();
        ms.forEach(m -> out.add(m.getNumber()));
        return out;
    }

    @Test
    void equalityIgnoreCaseAndNullParameters() {
        assertEquals(expected(m -> "Paris".equals(m.getCity())), numbers(members.findByCity("Paris")));
        assertEquals(expected(m -> m.getCity() != null && m.getCity().equalsIgnoreCase("PARIS")),
                numbers(members.readByCityIgnoreCase("PARIS")));
        assertEquals(expected(m -> m.getCity() == null), numbers(members.findByCity(null)), "null means IS NULL");
    }

    @Test
    void subjectsCountExistsStreamDistinct() {
        assertEquals(data.stream().filter(m -> !m.isActive()).count(), members.countByActiveFalse());
        assertEquals((int) data.stream().filter(m -> "Berlin".equals(m.getCity())).count(), members.countByCity("Berlin"));
        assertTrue(members.existsByName("Carl"));
        assertFalse(members.existsByName("carl"));
        try (Stream<Member> s = members.streamByActiveTrue()) {
            assertEquals(expected(Member::isActive), s.map(Member::getNumber).sorted().toList());
        }
        assertEquals(Set.copyOf(expected(m -> "Dublin".equals(m.getCity()))),
                members.findDistinctByCity("Dublin").stream().map(Member::getNumber).collect(Collectors.toSet()));
        assertEquals("Bobby", members.getByName("Bobby").orElseThrow().getName());
        assertTrue(members.getByName("nobody").isEmpty());
        assertEquals(4L, members.queryByName("Bobby").getNumber());
        assertNull(members.queryByName("nobody"));
    }

    @Test
    void singleResultMethodsRejectSeveralMatches() {
        members.save(new Member(1000, "twin", 1, true, 0, "X", List.of(), LocalDate.of(2020, 1, 1)));
        members.save(new Member(1001, "twin", 1, true, 0, "X", List.of(), LocalDate.of(2020, 1, 1)));
        try {
            dev.falkor.orm.api.IncorrectResultSizeException e = assertThrows(
                    dev.falkor.orm.api.IncorrectResultSizeException.class, () -> members.getByName("twin"));
            assertTrue(e.getMessage().contains("getByName"), e.getMessage());
            assertEquals(2, e.actual());
            assertThrows(dev.falkor.orm.api.IncorrectResultSizeException.class,
                    () -> orm.query("MATCH (m:Member {name: 'twin'}) RETURN m").one(Member.class));
        } finally {
            members.deleteAll(List.of(members.findById(1000L).orElseThrow(), members.findById(1001L).orElseThrow()));
        }
    }

    @Test
    void comparisonsRangesAndPrecedence() {
        List<Member> between = members.findByAgeBetweenOrderByAgeAscNameDesc(25, 40);
        List<Long> expectedOrder = data.stream().filter(m -> m.getAge() != null && m.getAge() >= 25 && m.getAge() <= 40)
                .sorted(Comparator.comparing(Member::getAge).thenComparing(Member::getName, Comparator.reverseOrder()))
                .map(Member::getNumber).toList();
        assertEquals(expectedOrder, ordered(between), "Between is inclusive; OrderBy with two keys");
        assertEquals(expected(m -> (m.getAge() != null && m.getAge() > 50 && "Paris".equals(m.getCity()))
                || m.getCity() == null), numbers(members.findByAgeGreaterThanAndCityOrCityIsNull(50, "Paris")));
        LocalDate cut = LocalDate.of(2005, 6, 1);
        assertEquals(expected(m -> m.getJoined().isBefore(cut)), numbers(members.findByJoinedBefore(cut)),
                "converted parameters compare correctly (ISO dates sort as strings)");
        assertEquals(expected(m -> m.getAge() != null && Set.of(25, 32, 46).contains(m.getAge())),
                numbers(members.findByAgeIn(List.of(25, 32, 46))));
        assertEquals(expected(m -> m.getAge() == null), numbers(members.findByAgeIsNull()));
    }

    @Test
    void stringAndCollectionOperators() {
        assertEquals(expected(m -> m.getName().toLowerCase(Locale.ROOT).startsWith("al")),
                numbers(members.findByNameStartingWithAllIgnoreCase("AL")));
        assertEquals(expected(m -> m.getName().matches("b.b.*")), numbers(members.findByNameLike("b_b%")));
        assertEquals(expected(m -> m.getTags().contains("t1")), numbers(members.findByTagsContaining("t1")));
    }

    @Test
    void firstTopAndDynamicSort() {
        List<Long> top3 = data.stream().filter(Member::isActive).sorted(Comparator.comparing(Member::getScore).reversed())
                .limit(3).map(Member::getNumber).toList();
        assertEquals(top3, ordered(members.findFirst3ByActiveTrueOrderByScoreDesc()));
        assertEquals(0L, members.findTopByOrderByScoreAsc().getNumber());
        List<Long> byNameCi = data.stream().filter(m -> "Paris".equals(m.getCity()))
                .sorted(Comparator.comparing((Member m) -> m.getName().toLowerCase(Locale.ROOT)).reversed())
                .map(Member::getNumber).toList();
        assertEquals(byNameCi, ordered(members.findByCity("Paris", Sort.by(Sort.Order.desc("name").ignoringCase()))));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> members.findByCity("Paris", Sort.by("name) DETACH DELETE n //")));
        assertTrue(bad.getMessage().contains("no such property"), bad.getMessage());
        assertEquals(63, count("(m:Member)"), "nothing the caller passes reaches the Cypher text");
    }

    @Test
    void pagesSlicesAndTheirBoundaries() {
        List<Long> active = expected(Member::isActive);
        int size = 10;
        Set<Long> seen = new HashSet<>();
        Pageable p = Pageable.of(0, size, Sort.by("name"));
        Page<Member> page;
        do {
            page = members.findByActive(true, p);
            assertEquals(active.size(), page.totalElements());
            assertEquals((active.size() + size - 1) / size, page.totalPages());
            page.content().forEach(m -> assertTrue(seen.add(m.getNumber()), "no row twice"));
            p = p.next();
        } while (page.hasNext());
        assertEquals(Set.copyOf(active), seen, "pages cover every row exactly once");
        Page<Member> beyond = members.findByActive(true, Pageable.of(50, size));
        assertTrue(beyond.content().isEmpty());
        assertEquals(active.size(), beyond.totalElements(), "a page past the end still counts");

        List<String> allNames = data.stream().filter(m -> m.getCity() != null).map(Member::getName).sorted().toList();
        Slice<Member> s = members.findByCityIsNotNull(Pageable.of(0, 25, Sort.by("name")));
        assertEquals(allNames.subList(0, 25), s.content().stream().map(Member::getName).toList());
        assertTrue(s.hasNext());
        Slice<Member> last = members.findByCityIsNotNull(Pageable.of(allNames.size() / 25, 25, Sort.by("name")));
        assertFalse(last.hasNext());
        assertEquals(allNames.size() % 25, last.numberOfElements());
    }

    @Test
    void findAllPagingSortingAndKeysetScrolling() {
        Page<Member> p = members.findAll(Pageable.of(2, 20, Sort.by(Sort.Direction.DESC, "score")));
        List<Long> byScoreDesc = data.stream().sorted(Comparator.comparing(Member::getScore).reversed())
                .map(Member::getNumber).toList();
        assertEquals(byScoreDesc.subList(40, 60), ordered(p.content()));
        assertEquals(63, p.totalElements());
        assertEquals(byScoreDesc, ordered(members.findAll(Sort.by(Sort.Order.desc("score")))));

        // keyset scroll by city (ties and many equal values), id breaks ties; no row lost or repeated
        Sort sort = Sort.by("city");
        List<Long> scrolled = new ArrayList<>();
        ScrollPosition pos = ScrollPosition.initial();
        Window<Member> w;
        do {
            w = members.findAll(pos, 8, sort);
            scrolled.addAll(ordered(w.content()));
            pos = w.nextPosition();
        } while (w.hasNext());
        List<Long> expectedScroll = data.stream().filter(m -> m.getCity() != null)
                .sorted(Comparator.comparing(Member::getCity).thenComparing(Member::getNumber))
                .map(Member::getNumber).toList();
        assertEquals(expectedScroll, scrolled.stream().filter(n -> data.get(n.intValue()).getCity() != null).toList());
        assertEquals(63, scrolled.size(), "every row exactly once (null cities sort last)");
        assertEquals(63, new HashSet<>(scrolled).size());

        // descending: nulls first, then cities Z..A, ties by id descending
        List<Long> desc = new ArrayList<>();
        pos = ScrollPosition.initial();
        do {
            w = members.findAll(pos, 5, Sort.by(Sort.Direction.DESC, "city"));
            desc.addAll(ordered(w.content()));
            pos = w.nextPosition();
        } while (w.hasNext());
        List<Long> expectedDesc = data.stream().sorted(Comparator.comparing(Member::getCity,
                Comparator.nullsFirst(Comparator.<String>reverseOrder())).thenComparing(Member::getNumber,
                Comparator.reverseOrder())).map(Member::getNumber).toList();
        assertEquals(expectedDesc, desc);

        // derived Window: size from Top7, descending name
        List<Long> derived = new ArrayList<>();
        pos = ScrollPosition.initial();
        do {
            w = members.findTop7ByActiveTrue(pos, Sort.by(Sort.Direction.DESC, "name"));
            assertTrue(w.content().size() <= 7);
            derived.addAll(ordered(w.content()));
            pos = w.nextPosition();
        } while (w.hasNext());
        assertEquals(data.stream().filter(Member::isActive).sorted(Comparator.comparing(Member::getName).reversed())
                .map(Member::getNumber).toList(), derived);
    }

    @Test
    void projectionsLoadOnlyWhatTheyNeed() {
        List<MemberRepository.NameOnly> names = members.findByAgeGreaterThanEqual(60, Sort.by("name"));
        assertEquals(data.stream().filter(m -> m.getAge() != null && m.getAge() >= 60).map(Member::getName).sorted().toList(),
                names.stream().map(MemberRepository.NameOnly::getName).toList());
        List<MemberRepository.NameAndScore> scores = members.findByCityOrderByNumberAsc("Berlin");
        List<Member> berlin = data.stream().filter(m -> "Berlin".equals(m.getCity())).toList();
        assertEquals(berlin.size(), scores.size());
        for (int i = 0; i < berlin.size(); i++) {
            assertEquals(berlin.get(i).getName(), scores.get(i).name());
            assertEquals(Double.doubleToLongBits(berlin.get(i).getScore()), Double.doubleToLongBits(scores.get(i).score()),
                    "projected doubles are exact too");
        }
    }

    @Test
    void customQueries() {
        assertEquals(expected(m -> "Dublin".equals(m.getCity())), ordered(members.inCity("Dublin")));
        List<MemberRepository.NameAndScore> s = members.scoresFrom(60);
        assertEquals(data.stream().filter(m -> m.getAge() != null && m.getAge() >= 60).map(Member::getName).toList(),
                s.stream().map(MemberRepository.NameAndScore::name).toList());
        assertEquals(data.stream().filter(m -> "paris".equals(m.getCity())).count(), members.howManyIn("paris"));
        List<String> cities = new ArrayList<>(data.stream().map(Member::getCity).filter(Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
        cities.add(null);
        assertEquals(cities, members.cities(), "scalars, null last as the server orders");
        Member m7 = members.byNumber(7).orElseThrow();
        assertEquals(data.get(7).getScore(), m7.getScore(), "custom-query entities get exact doubles");
        assertTrue(members.byNumber(9999).isEmpty());

        Page<Member> ap = members.activePaged(Pageable.of(1, 10));
        List<Long> active = expected(Member::isActive);
        assertEquals(active.subList(10, 20), ordered(ap.content()));
        assertEquals(active.size(), ap.totalElements());
        Page<Member> ip = members.inactivePaged(Pageable.of(0, 5));
        assertEquals(data.stream().filter(m -> !m.isActive()).count(), ip.totalElements(), "count derived with CALL {}");

        LocalDate since = LocalDate.of(2015, 1, 1);
        assertEquals(expected(m -> !m.getJoined().isBefore(since)), members.joinedSince(since));

        members.move(3, "Oslo");
        assertEquals(new StringValue("Oslo"), scalar("MATCH (m:Member {number: 3}) RETURN m.city", Map.of()));
        members.move(3, data.get(3).getCity());
    }

    @Test
    void readOnlyQueriesCannotWrite() {
        QueryException e = assertThrows(QueryException.class, () -> orm.query("CREATE (:Sneaky)").list(Object.class));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("read-only"), e.getMessage());
        assertEquals(0, count("(s:Sneaky)"));
    }

    @Test
    void programmaticQueries() {
        List<Member> dubliners = orm.query("MATCH (m:Member) WHERE m.city = $c RETURN m ORDER BY m.number")
                .param("c", "Dublin").list(Member.class);
        assertEquals(expected(m -> "Dublin".equals(m.getCity())), ordered(dubliners));
        assertEquals(63L, orm.query("MATCH (m:Member) RETURN count(m)").one(Long.class).orElseThrow());
        assertEquals(expected(m -> m.getJoined().isAfter(LocalDate.of(2018, 12, 31))),
                orm.query("MATCH (m:Member) WHERE m.joined > $d RETURN m.number ORDER BY m.number")
                        .param("d", LocalDate.of(2018, 12, 31)).list(Long.class));
        record Row(String name, Integer age) {
        }
        List<Row> rows = orm.query("MATCH (m:Member) WHERE m.number < 3 RETURN m.name AS name, m.years AS age ORDER BY m.number")
                .list(Row.class);
        assertEquals(new Row(data.get(1).getName(), data.get(1).getAge()), rows.get(1));
        assertEquals(1, orm.query("CREATE (:Temp {v: $v})").param("v", 1).write().execute().nodesCreated());
        assertEquals(1, orm.query("MATCH (t:Temp) DELETE t").write().execute().nodesDeleted());
    }

    @Test
    void deleteBy() {
        members.save(new Member(500, "gone", 1, true, 1, "Atlantis", List.of(), LocalDate.of(2001, 1, 1)));
        members.save(new Member(501, "gone2", 1, true, 1, "Atlantis", List.of(), LocalDate.of(2001, 1, 1)));
        assertEquals(2L, members.deleteByCity("Atlantis"));
        assertEquals(0, count("(m:Member {city: 'Atlantis'})"));
        assertEquals(63, count("(m:Member)"));
    }
}
