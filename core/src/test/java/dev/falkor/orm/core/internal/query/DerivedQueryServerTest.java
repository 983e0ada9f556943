package dev.falkor.orm.core.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every operator against a real FalkorDB: the rendered condition must select exactly the seed
 * rows that a plain-Java evaluation of the operator selects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DerivedQueryServerTest {

    /** One seeded Person, by Java property name. */
    record Row(String name, Long age, String nickname, String email, Boolean active, List<String> tags, Double score) {
    }

    static final List<String> NAMES = List.of(
            "Alice", "alice", "ALICE", "Bob", "bobby", "Carol", "carol.x", "Dave\n", "a.b*c", "a.bXc",
            "axb*c", "a.b", "100%", "100", "1000", "x_y", "xzy", "x_yz", "(paren)", "[br]",
            "{br}", "a+b", "a?b", "a|b", "^caret", "dollar$", "back\\slash", "Ärger", "ärger", "Émile",
            "line\nbreak", "tab\tchar", " spaced", "%", "_", "50% off", "Zoe", "zoe", "é", "it's \"quoted\"");

    static final List<Row> ROWS = rows();

    private Transport transport;
    private String graph;

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            Long age = i % 7 == 3 ? null : (long) ((i * 37) % 90);
            String nickname = switch (i % 5) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> name.toUpperCase(Locale.ROOT);
                case 3 -> name.toLowerCase(Locale.ROOT);
                default -> "Nick" + i;
            };
            String email = i % 4 == 0 ? null : (i % 3 == 0 ? "User" + i + "@Example.COM" : "user" + i + "@example.com");
            Boolean active = i % 6 == 5 ? null : i % 2 == 0;
            List<String> tags = switch (i % 4) {
                case 0 -> null;
                case 1 -> List.of();
                case 2 -> List.of("red", "Blue");
                default -> List.of("blue", "green", "x_y");
            };
            Double score = i % 9 == 4 ? null : i * 1.5;
            rows.add(new Row(name, age, nickname, email, active, tags, score));
        }
        return List.copyOf(rows);
    }

    @BeforeAll
    void seed() {
        assertEquals(40, NAMES.size());
        assertEquals(40, Set.copyOf(NAMES).size());
        transport = new JedisTransportProvider().create(SharedServer.config());
        graph = TestGraphs.uniqueName(getClass());
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Row r : ROWS) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(graphName("name"), r.name());
            m.put(graphName("age"), r.age());
            m.put(graphName("nickname"), r.nickname());
            m.put(graphName("email"), r.email());
            m.put(graphName("active"), r.active());
            m.put(graphName("tags"), r.tags());
            m.put(graphName("score"), r.score());
            maps.add(m);
        }
        transport.execute(GraphQuery.write(graph, "UNWIND $rows AS r CREATE (n:Person) SET n = r", Map.of("rows", maps)));
        QueryResult count = transport.execute(GraphQuery.read(graph, "MATCH (n:Person) RETURN count(n)", Map.of()));
        assertEquals(40L, count.scalar().asJava());
    }

    @AfterAll
    void drop() {
        if (transport != null) {
            transport.deleteGraph(graph);
            transport.close();
        }
    }

    static String graphName(String javaName) {
        return TestDomain.MODEL.ref(Person.class, javaName).graphName();
    }

    // ---------------------------------------------------------------- helpers

    private CypherCondition render(String method, List<?> args) {
        PartTree tree = PartTree.parse(method, Person.class, TestDomain.MODEL);
        return CypherCondition.render(tree, "n", args, Function.identity());
    }

    /** Names selected on the server, in the server's order. */
    private List<String> select(String method, List<?> args, String order) {
        CypherCondition c = render(method, args);
        String cypher = "MATCH (n:Person) " + c.whereClause() + " RETURN n.name "
                + (c.orderBy().isEmpty() ? order : c.orderBy()) + " " + c.limit();
        QueryResult result = transport.execute(GraphQuery.read(graph, cypher, c.parameters()));
        List<String> names = new ArrayList<>();
        for (List<GraphValue> row : result.rows()) {
            names.add((String) row.get(0).asJava());
        }
        return names;
    }

    private Set<String> serverSet(String method, List<?> args) {
        List<String> names = select(method, args, "ORDER BY n.name");
        Set<String> set = new TreeSet<>(names);
        assertEquals(names.size(), set.size(), "no duplicates");
        return set;
    }

    static Set<String> expected(Predicate<Row> p) {
        return ROWS.stream().filter(p).map(Row::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private void check(String method, List<?> args, Predicate<Row> p) {
        Set<String> expected = expected(p);
        assertEquals(expected, serverSet(method, args), () -> method + args + " rendered as " + render(method, args));
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Java's full match with Unicode classes: the server's regex engine treats \w, \d and \s as Unicode. */
    static boolean javaMatches(String value, String regex, boolean ignoreCase) {
        int flags = Pattern.UNICODE_CHARACTER_CLASS | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return value != null && Pattern.compile(regex, flags).matcher(value).matches();
    }

    record Case(String method, List<?> args, Predicate<Row> expected) {
    }

    static Case c(String method, Predicate<Row> expected, Object... args) {
        return new Case(method, Arrays.asList(args), expected);
    }

    // ---------------------------------------------------------------- every operator

    static List<Case> cases() {
        return List.of(
                // equality
                c("findByName", r -> r.name().equals("Alice"), "Alice"),
                c("findByNameIs", r -> r.name().equals("a.b*c"), "a.b*c"),
                c("findByNameEquals", r -> r.name().equals("line\nbreak"), "line\nbreak"),
                c("findByNickname", r -> r.nickname() == null, (Object) null),
                c("findByNameIgnoreCase", r -> lower(r.name()).equals("alice"), "aLiCe"),
                c("findByNameIgnoringCase", r -> lower(r.name()).equals("ärger"), "ÄRGER"),
                c("findByEmailIgnoreCase", r -> "user3@example.com".equals(lower(r.email())), "USER3@example.com"),
                c("findByNicknameNot", r -> r.nickname() != null && !r.nickname().isEmpty(), ""),
                c("findByNicknameIsNot", r -> r.nickname() != null, (Object) null),
                c("findByNicknameIsNotIgnoreCase", r -> r.nickname() != null && !lower(r.nickname()).equals("alice"), "ALICE"),
                c("findByActive", r -> Boolean.TRUE.equals(r.active()), true),
                c("findByTags", r -> List.of("red", "Blue").equals(r.tags()), List.of("red", "Blue")),
                // comparisons
                c("findByAgeLessThan", r -> r.age() != null && r.age() < 30, 30),
                c("findByAgeIsLessThanEqual", r -> r.age() != null && r.age() <= 37, 37),
                c("findByAgeGreaterThan", r -> r.age() != null && r.age() > 60, 60),
                c("findByAgeGreaterThanEqual", r -> r.age() != null && r.age() >= 74, 74),
                c("findByAgeBefore", r -> r.age() != null && r.age() < 20, 20),
                c("findByAgeIsAfter", r -> r.age() != null && r.age() > 70, 70),
                c("findByScoreLessThan", r -> r.score() != null && r.score() < 10.5, 10.5),
                c("findByNameLessThan", r -> r.name().compareTo("B") < 0, "B"),
                c("findByNameGreaterThanIgnoreCase", r -> lower(r.name()).compareTo("x") > 0, "X"),
                c("findByAgeBetween", r -> r.age() != null && r.age() >= 10 && r.age() <= 40, 10, 40),
                c("findByNameIsBetween", r -> r.name().compareTo("a") >= 0 && r.name().compareTo("c") <= 0, "a", "c"),
                c("findByNameBetweenIgnoreCase", r -> lower(r.name()).compareTo("b") >= 0 && lower(r.name()).compareTo("d") <= 0, "B", "D"),
                // null / boolean / empty
                c("findByAgeIsNull", r -> r.age() == null),
                c("findByAgeNotNull", r -> r.age() != null),
                c("findByNicknameNull", r -> r.nickname() == null),
                c("findByNicknameIsNotNull", r -> r.nickname() != null),
                c("findByTagsIsNull", r -> r.tags() == null),
                c("findByActiveTrue", r -> Boolean.TRUE.equals(r.active())),
                c("findByActiveIsFalse", r -> Boolean.FALSE.equals(r.active())),
                c("findByNicknameIsEmpty", r -> r.nickname() == null || r.nickname().isEmpty()),
                c("findByNicknameNotEmpty", r -> r.nickname() != null && !r.nickname().isEmpty()),
                c("findByTagsEmpty", r -> r.tags() == null || r.tags().isEmpty()),
                c("findByTagsIsNotEmpty", r -> r.tags() != null && !r.tags().isEmpty()),
                // in
                c("findByNameIn", r -> Set.of("Bob", "zoe", "%").contains(r.name()), List.of("Bob", "zoe", "%", "nobody")),
                c("findByAgeIsIn", r -> r.age() != null && (r.age() == 0 || r.age() == 37), (Object) new long[] {0, 37}),
                c("findByNameIn", r -> false, List.of()),
                c("findByNameInIgnoreCase", r -> Set.of("bob", "zoe", "émile").contains(lower(r.name())), List.of("BOB", "Zoe", "ÉMILE")),
                c("findByNicknameNotIn", r -> r.nickname() != null && !Set.of("", "ALICE").contains(r.nickname()), List.of("", "ALICE")),
                c("findByAgeNotIn", r -> r.age() != null, List.of()),
                c("findByNicknameIsNotInIgnoringCase", r -> r.nickname() != null && !Set.of("", "alice", "bob").contains(lower(r.nickname())),
                        Set.of("", "Alice", "BOB")),
                // starts / ends / contains
                c("findByNameStartingWith", r -> r.name().startsWith("a."), "a."),
                c("findByNameStartsWith", r -> r.name().startsWith("A"), "A"),
                c("findByNameIsStartingWithIgnoreCase", r -> lower(r.name()).startsWith("a"), "A"),
                c("findByNameEndingWith", r -> r.name().endsWith("%"), "%"),
                c("findByNameEndsWith", r -> r.name().endsWith("c"), "c"),
                c("findByNameEndingWithIgnoreCase", r -> lower(r.name()).endsWith("c"), "C"),
                c("findByNameContaining", r -> r.name().contains("b*"), "b*"),
                c("findByNameContains", r -> r.name().contains("\\"), "\\"),
                c("findByNameIsContainingIgnoreCase", r -> lower(r.name()).contains("b"), "B"),
                c("findByNicknameNotContaining", r -> r.nickname() != null && !r.nickname().contains("a"), "a"),
                c("findByNicknameNotContainsIgnoreCase", r -> r.nickname() != null && !lower(r.nickname()).contains("a"), "A"),
                c("findByTagsContaining", r -> r.tags() != null && r.tags().contains("blue"), "blue"),
                c("findByTagsContains", r -> r.tags() != null && r.tags().contains("Blue"), "Blue"),
                c("findByTagsNotContaining", r -> r.tags() == null || !r.tags().contains("blue"), "blue"),
                // like
                c("findByNameLike", r -> r.name().equals("a.b*c"), "a.b*c"),
                c("findByNameLike", r -> r.name().contains("a"), "%a%"),
                c("findByNameIsLike", r -> SqlLike.matches(r.name(), "a_b"), "a_b"),
                c("findByNameLike", r -> r.name().startsWith("100"), "100%"),
                c("findByNameLike", r -> r.name().equals("100%"), "100\\%"),
                c("findByNameLike", r -> r.name().contains("%"), "%\\%%"),
                c("findByNameLike", r -> r.name().codePointCount(0, r.name().length()) == 1, "_"),
                c("findByNameLike", r -> true, "%"),
                c("findByNameLike", r -> r.name().startsWith("line"), "line%"),
                c("findByNameLike", r -> false, "Dave"), // "Dave\n" must not match: the anchor is \z, not $
                c("findByNameLike", r -> r.name().startsWith("Dave"), "Dave%"),
                c("findByNameLike", r -> r.name().startsWith("Dave"), "Dave_"),
                c("findByNameLike", r -> r.name().contains("\n"), "%\n%"),
                c("findByNameLike", r -> r.name().contains("\t"), "%\t%"),
                c("findByNameLike", r -> r.name().equals("back\\slash"), "back\\\\slash"),
                c("findByNameLike", r -> r.name().equals("it's \"quoted\""), "it's \"quoted\""),
                c("findByNameLike", r -> r.name().startsWith("("), "(%"),
                c("findByNameLike", r -> r.name().startsWith("["), "[%"),
                c("findByNameLike", r -> r.name().endsWith("}"), "%}"),
                c("findByNameLike", r -> r.name().startsWith("x") && r.name().length() == 3, "x__"),
                c("findByNameLike", r -> r.name().startsWith("x_"), "x\\_%"),
                c("findByNameLikeIgnoreCase", r -> lower(r.name()).startsWith("a"), "A%"),
                c("findByNameLikeIgnoreCase", r -> lower(r.name()).startsWith("ä"), "Ä%"),
                c("findByNicknameNotLike", r -> r.nickname() != null && !r.nickname().contains("A"), "%A%"),
                c("findByNicknameIsNotLikeIgnoreCase", r -> r.nickname() != null && !lower(r.nickname()).contains("a"), "%A%"),
                // matches
                c("findByNameMatches", r -> javaMatches(r.name(), "[a-c].*", false), "[a-c].*"),
                c("findByNameMatches", r -> r.name().equals("a.b*c"), "a\\.b\\*c"),
                c("findByNameMatchesRegex", r -> javaMatches(r.name(), ".*\\d+.*", false), ".*\\d+.*"),
                c("findByNameRegex", r -> javaMatches(r.name(), "a|b", false), "a|b"),
                c("findByNameMatches", r -> javaMatches(r.name(), "x_y|xzy", false), "x_y|xzy"),
                c("findByNameMatches", r -> false, "line.break"),
                c("findByNameMatches", r -> false, "Dave"),
                c("findByNameMatches", r -> r.name().equals("Dave\n"), "Dave\n"),
                c("findByNameMatches", r -> r.name().equals("Dave\n"), "Dave\\s"),
                c("findByNameMatches", r -> r.name().equals("line\nbreak"), "(?s)line.break"),
                c("findByNameMatches", r -> javaMatches(r.name(), "[^a-z].*", false), "[^a-z].*"),
                c("findByNameMatches", r -> javaMatches(r.name(), "(?i)alice", false), "(?i)alice"),
                c("findByNameMatchesIgnoreCase", r -> javaMatches(r.name(), "ärger|zoe", true), "ärger|zoe"),
                c("findByNicknameMatches", r -> javaMatches(r.nickname(), ".*", false), ".*"),
                // and / or
                c("findByActiveTrueAndAgeLessThanOrNameStartingWith",
                        r -> Boolean.TRUE.equals(r.active()) && r.age() != null && r.age() < 40 || r.name().startsWith("z"), 40, "z"),
                c("findByNameStartingWithAndAgeGreaterThanAllIgnoreCase",
                        r -> lower(r.name()).startsWith("a") && r.age() != null && r.age() > 10, "A", 10),
                c("findByNameIsNullOrNicknameIsEmptyAndActiveFalse",
                        r -> (r.nickname() == null || r.nickname().isEmpty()) && Boolean.FALSE.equals(r.active())));
    }

    @TestFactory
    Stream<DynamicTest> everyOperatorSelectsWhatJavaSelects() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.method() + " " + k.args(),
                () -> check(k.method(), k.args(), k.expected())));
    }

    @Test
    void everyOperatorIsCovered() {
        Set<Operator> used = cases().stream()
                .flatMap(k -> PartTree.parse(k.method(), Person.class, TestDomain.MODEL).parts().stream())
                .map(Part::operator).collect(Collectors.toSet());
        assertEquals(Set.of(Operator.values()), used);
    }

    @Test
    void casesAreSelective() {
        // a condition that selects nothing or everything proves little: most cases must select something in between
        long trivial = cases().stream().map(k -> expected(k.expected()).size()).filter(n -> n == 0 || n == 40).count();
        assertTrue(trivial <= 8, trivial + " trivial cases");
    }

    @Test
    void precedenceIsAndBeforeOr() {
        Predicate<Row> andFirst = r -> Boolean.TRUE.equals(r.active()) && r.age() != null && r.age() < 40 || r.name().startsWith("z");
        Predicate<Row> orFirst = r -> Boolean.TRUE.equals(r.active()) && (r.age() != null && r.age() < 40 || r.name().startsWith("z"));
        assertNotEquals(expected(andFirst), expected(orFirst), "the seed data must tell the two readings apart");
        assertEquals(expected(andFirst), serverSet("findByActiveTrueAndAgeLessThanOrNameStartingWith", List.of(40, "z")));
    }

    @Test
    void orderByAndLimit() {
        List<Row> active = ROWS.stream().filter(r -> Boolean.TRUE.equals(r.active()) && r.age() != null)
                .sorted(Comparator.comparing(Row::age).reversed().thenComparing(Row::name)).toList();
        assertEquals(active.stream().limit(3).map(Row::name).toList(),
                select("findTop3ByActiveTrueAndAgeIsNotNullOrderByAgeDescNameAsc", List.of(), ""));
        assertEquals(active.stream().map(Row::name).toList(),
                select("findByActiveTrueAndAgeIsNotNullOrderByAgeDescName", List.of(), ""));
        assertEquals(List.of(active.get(0).name()),
                select("findFirstByActiveTrueAndAgeIsNotNullOrderByAgeDescNameAsc", List.of(), ""));
        List<String> byNameDesc = ROWS.stream().map(Row::name).sorted(Comparator.reverseOrder()).toList();
        assertEquals(byNameDesc, select("findAllByOrderByNameDesc", List.of(), ""));
        assertEquals(byNameDesc.subList(0, 5), select("findTop5ByOrderByNameDesc", List.of(), ""));
    }

    @Test
    void randomLikePatterns() {
        Random random = new Random(20240607);
        String fragments = "aAbBcx._*%\\|$^(){}[]+?0 \n'\"Äéz";
        int[] cps = fragments.codePoints().toArray();
        for (int round = 0; round < 150; round++) {
            String pattern;
            if (round % 3 == 0) {
                // a piece of a real name with wildcards around it, so that there are matches
                String name = NAMES.get(random.nextInt(NAMES.size()));
                int from = random.nextInt(name.length() + 1);
                int to = from + random.nextInt(name.length() - from + 1);
                pattern = (random.nextBoolean() ? "%" : "") + name.substring(from, to) + (random.nextBoolean() ? "%" : "_");
            } else {
                pattern = RegexPatternsTest.randomString(random, cps, 5);
            }
            boolean ic = round % 4 == 1;
            String p = pattern;
            Predicate<Row> expected = ic
                    ? r -> SqlLike.matches(lower(r.name()), lower(p))
                    : r -> SqlLike.matches(r.name(), p);
            check(ic ? "findByNameLikeIgnoreCase" : "findByNameLike", List.of(pattern), expected);
            Predicate<Row> notExpected = r -> r.nickname() != null && !SqlLike.matches(r.nickname(), p);
            check("findByNicknameNotLike", List.of(pattern), notExpected);
        }
    }

    @Test
    void randomRegexes() {
        Random random = new Random(99);
        String[] atoms = {"a", "A", "b", "c", "x", "z", ".", "[a-c]", "[^a]", "\\d", "\\w", "\\s", "\\.", "\\*", "%", "_",
                "(?:ab|c)", "[A-Z]", "é", "\\(", "\\$"};
        String[] quantifiers = {"", "", "*", "+", "?", "{1,2}"};
        for (int round = 0; round < 150; round++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(3) == 0) {
                sb.append(".*");
            }
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(atoms[random.nextInt(atoms.length)]).append(quantifiers[random.nextInt(quantifiers.length)]);
            }
            if (random.nextInt(3) == 0) {
                sb.append(".*");
            }
            if (random.nextInt(5) == 0) {
                sb.append('|').append(atoms[random.nextInt(atoms.length)]).append(".*");
            }
            String regex = sb.toString();
            boolean ic = round % 3 == 2;
            check(ic ? "findByNameMatchesIgnoreCase" : "findByNameMatches", List.of(regex),
                    r -> javaMatches(r.name(), regex, ic));
        }
    }

    @Test
    void seedIsWhatTheServerHolds() {
        // guards the expectations: nulls, empty strings, empty lists and lists arrive as seeded
        QueryResult r = transport.execute(GraphQuery.read(graph,
                "MATCH (n:Person) RETURN n.name, n.nickname, n.tags, n.age ORDER BY n.name", Map.of()));
        Map<String, List<Object>> server = new LinkedHashMap<>();
        for (List<GraphValue> row : r.rows()) {
            server.put((String) row.get(0).asJava(), Arrays.asList(row.get(1).asJava(), row.get(2).asJava(), row.get(3).asJava()));
        }
        for (Row row : ROWS) {
            assertEquals(Arrays.asList(row.nickname(), row.tags(), row.age()), server.get(row.name()), row.name());
        }
        assertTrue(ROWS.stream().anyMatch(x -> Objects.equals(x.tags(), List.of())));
    }
}
