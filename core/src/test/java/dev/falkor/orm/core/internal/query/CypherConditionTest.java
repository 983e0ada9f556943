package dev.falkor.orm.core.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.core.internal.query.TestDomain.Person;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CypherConditionTest {

    /** Renders, and checks that binding the same arguments to the rendered text gives the same condition. */
    static CypherCondition render(String method, Object... args) {
        PartTree tree = PartTree.parse(method, Person.class, TestDomain.MODEL);
        CypherCondition c = CypherCondition.render(tree, "n", Arrays.asList(args), Function.identity());
        CypherCondition bound = CypherCondition.bind(tree, "n", Arrays.asList(args), Function.identity(), c);
        assertEquals(c, bound, "bind gives what render gives: " + method);
        assertEquals(new ArrayList<>(c.parameters().keySet()), new ArrayList<>(bound.parameters().keySet()), method);
        return c;
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void assertWhere(String expectedWhere, Map<String, Object> expectedParams, String method, Object... args) {
        CypherCondition c = render(method, args);
        assertEquals("", c.projection(), method);
        assertEquals(expectedWhere, c.where(), method);
        assertEquals(expectedParams, c.parameters(), method);
        assertEquals(new ArrayList<>(expectedParams.keySet()), new ArrayList<>(c.parameters().keySet()), method);
        assertEquals("", c.orderBy());
        assertEquals("", c.limit());
    }

    @Test
    void equalityAndNull() {
        assertWhere("n.`name` = $p0", params("p0", "x"), "findByName", "x");
        assertWhere("n.`email_address` = $p0", params("p0", "x@y"), "findByEmailIs", "x@y");
        assertWhere("n.`name` IS NULL", params(), "findByNameEquals", (Object) null);
        assertWhere("n.`name` <> $p0", params("p0", "x"), "findByNameNot", "x");
        assertWhere("n.`name` IS NOT NULL", params(), "findByNameIsNot", (Object) null);
        assertWhere("toLower(n.`name`) = toLower($p0)", params("p0", "X"), "findByNameIgnoreCase", "X");
        assertWhere("toLower(n.`name`) <> toLower($p0)", params("p0", "X"), "findByNameNotIgnoreCase", "X");
        assertWhere("n.`name` IS NULL", params(), "findByNameIgnoreCase", (Object) null);
        assertWhere("n.`tags` = $p0", params("p0", List.of("a")), "findByTags", List.of("a"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "findByAgeLessThan         | n.`age` < $p0",
            "findByAgeIsLessThanEqual  | n.`age` <= $p0",
            "findByAgeGreaterThan      | n.`age` > $p0",
            "findByAgeGreaterThanEqual | n.`age` >= $p0",
            "findByAgeBefore           | n.`age` < $p0",
            "findByAgeIsAfter          | n.`age` > $p0",
    })
    void comparisons(String method, String where) {
        assertWhere(where, params("p0", 5), method, 5);
    }

    @Test
    void comparisonsIgnoringCase() {
        assertWhere("toLower(n.`name`) > toLower($p0)", params("p0", "M"), "findByNameGreaterThanIgnoreCase", "M");
        assertWhere("(toLower(n.`name`) >= toLower($p0) AND toLower(n.`name`) <= toLower($p1))",
                params("p0", "A", "p1", "C"), "findByNameBetweenIgnoreCase", "A", "C");
    }

    @Test
    void between() {
        assertWhere("(n.`age` >= $p0 AND n.`age` <= $p1)", params("p0", 1, "p1", 9), "findByAgeBetween", 1, 9);
        assertWhere("(n.`age` >= $p0 AND n.`age` <= $p1) AND n.`name` = $p2", params("p0", 1, "p1", 9, "p2", "x"),
                "findByAgeIsBetweenAndName", 1, 9, "x");
    }

    @Test
    void noArgumentOperators() {
        assertWhere("n.`age` IS NULL", params(), "findByAgeIsNull");
        assertWhere("n.`age` IS NOT NULL", params(), "findByAgeNotNull");
        assertWhere("n.`active` = true", params(), "findByActiveTrue");
        assertWhere("n.`logged_in` = false", params(), "findByLoggedInIsFalse");
        assertWhere("(n.`name` IS NULL OR size(n.`name`) = 0)", params(), "findByNameIsEmpty");
        assertWhere("(n.`tags` IS NULL OR size(n.`tags`) = 0)", params(), "findByTagsEmpty");
        assertWhere("size(n.`name`) > 0", params(), "findByNameIsNotEmpty");
        assertWhere("size(n.`tags`) > 0", params(), "findByTagsNotEmpty");
        assertWhere("n.`age` IS NULL AND n.`name` = $p0", params("p0", "x"), "findByAgeIsNullAndName", "x");
    }

    @Test
    void inAndNotIn() {
        assertWhere("n.`name` IN $p0", params("p0", List.of("a", "b")), "findByNameIn", List.of("a", "b"));
        assertWhere("n.`age` IN $p0", params("p0", List.of(1, 2)), "findByAgeIsIn", (Object) new int[] {1, 2});
        assertWhere("n.`name` IN $p0", params("p0", List.of("a")), "findByNameIn", (Object) new String[] {"a"});
        assertWhere("n.`name` IN $p0", params("p0", Arrays.asList("a", null)), "findByNameIn", Arrays.asList("a", null));
        assertWhere("n.`name` IN $p0", params("p0", List.of()), "findByNameIn", Set.of());
        assertWhere("(n.`name` IS NOT NULL AND NOT (n.`name` IN $p0))", params("p0", List.of("a")),
                "findByNameNotIn", List.of("a"));
        assertWhere("toLower(n.`name`) IN [__e IN $p0 | toLower(__e)]", params("p0", List.of("A")),
                "findByNameInIgnoreCase", List.of("A"));
        assertWhere("(n.`name` IS NOT NULL AND NOT (toLower(n.`name`) IN [__e IN $p0 | toLower(__e)]))",
                params("p0", List.of("A")), "findByNameIsNotInIgnoringCase", List.of("A"));
    }

    @Test
    void stringOperators() {
        assertWhere("n.`name` STARTS WITH $p0", params("p0", "a"), "findByNameStartingWith", "a");
        assertWhere("n.`name` ENDS WITH $p0", params("p0", "a"), "findByNameEndsWith", "a");
        assertWhere("n.`name` CONTAINS $p0", params("p0", "a"), "findByNameContains", "a");
        assertWhere("NOT (n.`name` CONTAINS $p0)", params("p0", "a"), "findByNameNotContaining", "a");
        assertWhere("toLower(n.`name`) STARTS WITH toLower($p0)", params("p0", "A"), "findByNameStartsWithIgnoreCase", "A");
        assertWhere("toLower(n.`name`) ENDS WITH toLower($p0)", params("p0", "A"), "findByNameEndingWithIgnoreCase", "A");
        assertWhere("toLower(n.`name`) CONTAINS toLower($p0)", params("p0", "A"), "findByNameContainingIgnoreCase", "A");
        assertWhere("NOT (toLower(n.`name`) CONTAINS toLower($p0))", params("p0", "A"),
                "findByNameNotContainsIgnoreCase", "A");
    }

    @Test
    void collectionMembership() {
        assertWhere("$p0 IN n.`tags`", params("p0", "red"), "findByTagsContaining", "red");
        assertWhere("(n.`tags` IS NULL OR NOT ($p0 IN n.`tags`))", params("p0", "red"), "findByTagsNotContains", "red");
    }

    @Test
    void likeAndMatches() {
        assertWhere("size(string.matchRegEx(n.`name`, $p0)) > 0", params("p0", "^(?s:a\\.b.*c.)\\z"),
                "findByNameLike", "a.b%c_");
        assertWhere("(n.`name` IS NOT NULL AND size(string.matchRegEx(n.`name`, $p0)) = 0)",
                params("p0", "^(?s:.*x)\\z"), "findByNameNotLike", "%x");
        assertWhere("size(string.matchRegEx(toLower(n.`name`), toLower($p0))) > 0", params("p0", "^(?s:A.*)\\z"),
                "findByNameLikeIgnoreCase", "A%");
        assertWhere("(n.`name` IS NOT NULL AND size(string.matchRegEx(toLower(n.`name`), toLower($p0))) = 0)",
                params("p0", "^(?s:A.*)\\z"), "findByNameNotLikeIgnoreCase", "A%");
        assertWhere("size(string.matchRegEx(n.`name`, $p0)) > 0", params("p0", "\\A(?:a+|b)\\z"),
                "findByNameMatches", "a+|b");
        assertWhere("size(string.matchRegEx(n.`name`, $p0)) > 0", params("p0", "\\A(?i:a+)\\z"),
                "findByNameRegexIgnoreCase", "a+");
    }

    @Test
    void andOrGrouping() {
        assertWhere("n.`name` = $p0 AND n.`age` = $p1", params("p0", "x", "p1", 1), "findByNameAndAge", "x", 1);
        assertWhere("n.`name` = $p0 OR n.`age` = $p1", params("p0", "x", "p1", 1), "findByNameOrAge", "x", 1);
        assertWhere("(n.`name` = $p0 AND n.`age` = $p1) OR n.`email_address` IS NULL OR (n.`nickname` = $p2 AND n.`active` = true)",
                params("p0", "x", "p1", 1, "p2", "y"),
                "findByNameAndAgeOrEmailIsNullOrNicknameAndActiveTrue", "x", 1, "y");
    }

    @Test
    void orderByAndLimit() {
        CypherCondition c = render("findTop3ByNameOrderByLastNameAscAgeDesc", "x");
        assertEquals("n.`name` = $p0", c.where());
        assertEquals("WHERE n.`name` = $p0", c.whereClause());
        assertEquals("ORDER BY n.`last_name` ASC, n.`age` DESC", c.orderBy());
        assertEquals("LIMIT $__limit", c.limit());
        assertEquals(params("p0", "x", "__limit", 3), c.parameters());

        CypherCondition all = render("findFirstByOrderByName");
        assertEquals("", all.where());
        assertEquals("", all.whereClause());
        assertEquals("ORDER BY n.`name` ASC", all.orderBy());
        assertEquals(params("__limit", 1), all.parameters());
    }

    @Test
    void otherVariableName() {
        CypherCondition c = CypherCondition.render(PartTree.parse("findByNameOrderByAge", Person.class, TestDomain.MODEL),
                "person_1", List.of("x"), Function.identity());
        assertEquals("person_1.`name` = $p0", c.where());
        assertEquals("ORDER BY person_1.`age` ASC", c.orderBy());
    }

    @Test
    void converterIsAppliedToArgumentsAndElements() {
        Function<Object, Object> conv = v -> v instanceof String s ? s.toUpperCase(Locale.ROOT) : v;
        PartTree t = PartTree.parse("findByNameAndNicknameInAndEmailNotAndTagsContainingAndDescriptionLike",
                Person.class, TestDomain.MODEL);
        List<Object> calls = new ArrayList<>();
        Function<Object, Object> counting = v -> {
            calls.add(v);
            return conv.apply(v);
        };
        CypherCondition c = CypherCondition.render(t, "n", Arrays.asList("a", List.of("b", "c"), null, "d", "e%"), counting);
        assertEquals(params("p0", "A", "p1", List.of("B", "C"), "p3", "D", "p4", "^(?s:E.*)\\z"), c.parameters());
        assertEquals("n.`name` = $p0 AND n.`nickname` IN $p1 AND n.`email_address` IS NOT NULL AND $p3 IN n.`tags`"
                + " AND size(string.matchRegEx(n.`description`, $p4)) > 0", c.where());
        assertEquals(List.of("a", "b", "c", "d", "e%"), calls, "each value converted once, nulls not at all");
    }

    @Test
    void parametersAreImmutable() {
        CypherCondition c = render("findByName", "x");
        assertThrows(UnsupportedOperationException.class, () -> c.parameters().put("p9", 1));
    }

    // ---------------------------------------------------------------- relationship paths

    static final String EMPLOYER = "(n)-[:`WORKS_AT`]->(:`Company`)";

    /** Asserts a part on a relationship path that needs a projection: its WITH, the condition and the parameters. */
    static void assertProjected(String expectedProjection, String expectedWhere, Map<String, Object> expectedParams,
                                String method, Object... args) {
        CypherCondition c = render(method, args);
        assertEquals(expectedProjection, c.projection(), method);
        assertEquals(expectedWhere, c.where(), method);
        assertEquals(expectedParams, c.parameters(), method);
        assertEquals(new ArrayList<>(expectedParams.keySet()), new ArrayList<>(c.parameters().keySet()), method);
        assertEquals(expectedProjection + " WHERE " + expectedWhere, c.afterMatch(), method);
    }

    /** The projection of one flag. */
    static String with(String... flags) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            items.add("size([" + flags[i] + " | 1]) > 0 AS __c" + i);
        }
        return "WITH n, " + String.join(", ", items);
    }

    @Test
    void equalitiesOnRelationshipPathsArePatternPredicates() {
        assertWhere("(n)-[:`WORKS_AT`]->(:`Company` {`name`: $p0})", params("p0", "Acme"), "findByEmployer_Name", "Acme");
        assertWhere("(n)-[:`WORKS_AT`]->(:`Company` {`name`: $p0})", params("p0", "Acme"), "findByEmployer_NameEquals", "Acme");
        assertWhere("(n)-[:`WORKS_AT`]->(:`Company` {`name`: $p0})", params("p0", "Acme"), "findByEmployer_NameIs", "Acme");
        assertWhere("(n)-[:`WORKS_AT`]->(:`Company`)-[:`LOCATED_AT`]->(:`Address` {`city`: $p0})", params("p0", "Paris"),
                "findByEmployerAddressCity", "Paris");
        assertWhere("(n)-[:`KNOWS`]-(:`Person`)-[:`WORKS_AT`]->(:`Company`)-[:`LOCATED_AT`]->(:`Address` {`zip_code`: $p0})",
                params("p0", "75001"), "findByFriendsEmployerAddressZipCode", "75001");
        assertWhere("(n)-[:`KNOWS`]-(:`Person` {`age`: $p0})", params("p0", 30), "findByFriendsAge", 30);
        assertWhere("(n)<-[:`FOLLOWS`]-(:`Person` {`name`: $p0})", params("p0", "Bob"), "findByFollowersName", "Bob");
        assertWhere("(n)-[:`KNOWS`]-(:`Person` {`active`: true})", params(), "findByFriendsActiveTrue");
        assertWhere("(n)-[:`KNOWS`]-(:`Person` {`logged_in`: false})", params(), "findByFriendsLoggedInFalse");
        assertWhere("(n)-[:`KNOWS`]-(:`Person` {`tags`: $p0})", params("p0", List.of("a")), "findByFriendsTags", List.of("a"));
        // properties of the relationship itself, and the target's through it
        assertWhere("(n)-[:`WORKED_AT` {`role`: $p0}]->(:`Company`)", params("p0", "dev"), "findByJobsRole", "dev");
        assertWhere("(n)-[:`WORKED_AT` {`current`: true}]->(:`Company`)", params(), "findByJobsCurrentTrue");
        assertWhere("(n)-[:`WORKED_AT`]->(:`Company` {`name`: $p0})", params("p0", "Acme"), "findByJobsName", "Acme");
        assertWhere("(n)-[:`WORKED_AT`]->(:`Company`)-[:`LOCATED_AT`]->(:`Address` {`city`: $p0})",
                params("p0", "Rome"), "findByJobsAddressCity", "Rome");
        // mixed with local parts, AND/OR precedence unchanged
        assertWhere("n.`name` = $p0 AND (n)-[:`WORKS_AT`]->(:`Company` {`name`: $p1})",
                params("p0", "a", "p1", "b"), "findByNameAndEmployer_Name", "a", "b");
        assertWhere("(n.`name` = $p0 AND (n)-[:`WORKS_AT`]->(:`Company` {`name`: $p1})) OR n.`age` > $p2",
                params("p0", "a", "p1", "b", "p2", 3), "findByNameAndEmployer_NameOrAgeGreaterThan", "a", "b", 3);
    }

    @Test
    void theRelationshipItself() {
        assertWhere("NOT " + EMPLOYER, params(), "findByEmployerIsNull");
        assertWhere("NOT " + EMPLOYER, params(), "findByEmployerNull");
        assertWhere(EMPLOYER, params(), "findByEmployerIsNotNull");
        assertWhere("NOT " + EMPLOYER, params(), "findByEmployerIsEmpty");
        assertWhere(EMPLOYER, params(), "findByEmployerIsNotEmpty");
        assertWhere("NOT (n)-[:`KNOWS`]-(:`Person`)", params(), "findByFriendsIsEmpty");
        assertWhere("(n)-[:`KNOWS`]-(:`Person`)", params(), "findByFriendsIsNotEmpty");
        assertWhere("NOT (n)<-[:`FOLLOWS`]-(:`Person`)", params(), "findByFollowersIsEmpty");
        assertWhere("NOT (n)-[:`WORKS_AT`]->(:`Company`)-[:`LOCATED_AT`]->(:`Address`)", params(),
                "findByEmployerAddressIsNull");
        // an entity argument compares the target's id, converted by the hop, not by toGraph
        assertWhere("(n)-[:`WORKS_AT`]->(:`Company` {`uid`: $p0})", params("p0", "c1"), "findByEmployer",
                new TestDomain.Company("c1"));
        assertWhere("NOT " + EMPLOYER, params(), "findByEmployer", (Object) null);
        assertWhere(EMPLOYER, params(), "findByEmployerNot", (Object) null);
        assertWhere("(n)-[:`KNOWS`]-(:`Person` {`uid`: $p0})", params("p0", 7L), "findByFriendsContaining",
                new Person(7L));
        assertWhere("NOT (n)-[:`KNOWS`]-(:`Person` {`uid`: $p0})", params("p0", 7L), "findByFriendsNotContaining",
                new Person(7L));
        assertWhere("(n)-[:`KNOWS`]-(:`Person` {`uid`: $p0})", params("p0", 7L), "findByFriends", new Person(7L));
        assertWhere("(n)-[:`WORKS_AT`]->(:`Company`)-[:`LOCATED_AT`]->(:`Address` {`uid`: $p0})", params("p0", "a1"),
                "findByEmployerAddress", new TestDomain.Address("a1"));
    }

    @Test
    void otherOperatorsOnRelationshipPathsAreProjectedFlags() {
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`name` STARTS WITH $p0"), "__c0",
                params("p0", "Ac"), "findByEmployer_NameStartingWith", "Ac");
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE toLower(__x0.`name`) = toLower($p0)"), "__c0",
                params("p0", "ACME"), "findByEmployer_NameIgnoreCase", "ACME");
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`name` <> $p0"), "__c0",
                params("p0", "Acme"), "findByEmployer_NameNot", "Acme");
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`name` IS NULL"), "__c0",
                params(), "findByEmployer_NameIsNull");
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`name` IS NOT NULL"), "__c0",
                params(), "findByEmployer_NameIsNotNull");
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE (__x0.`name` IS NULL OR size(__x0.`name`) = 0)"),
                "__c0", params(), "findByEmployer_NameIsEmpty");
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE toLower(__x0.`name`) IN [__e IN $p0 | toLower(__e)]"),
                "__c0", params("p0", List.of("A", "B")), "findByEmployer_NameInIgnoreCase", List.of("A", "B"));
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE (__x0.`founded` >= $p0 AND __x0.`founded` <= $p1)"),
                "__c0", params("p0", 1990, "p1", 2000), "findByEmployerFoundedBetween", 1990, 2000);
        assertProjected(with("(n)-[:`KNOWS`]-(__x0:`Person`) WHERE size(string.matchRegEx(__x0.`name`, $p0)) > 0"),
                "__c0", params("p0", "^(?s:A.*)\\z"), "findByFriendsNameLike", "A%");
        assertProjected(with("(n)-[:`KNOWS`]-(__x0:`Person`) WHERE $p0 IN __x0.`tags`"), "__c0",
                params("p0", "red"), "findByFriendsTagsContaining", "red");
        assertProjected(with("(n)-[:`KNOWS`]-(:`Person`)-[:`WORKS_AT`]->(:`Company`)-[:`LOCATED_AT`]->(__x0:`Address`)"
                + " WHERE __x0.`city` ENDS WITH $p0"), "__c0", params("p0", "is"), "findByFriendsEmployerAddressCityEndsWith", "is");
        assertProjected(with("(n)<-[:`FOLLOWS`]-(__x0:`Person`) WHERE __x0.`age` < $p0"), "__c0",
                params("p0", 18), "findByFollowersAgeLessThan", 18);
        // on the relationship: 64-bit comparisons stay overflow-safe
        assertProjected(with("(n)-[__r0:`WORKED_AT`]->(:`Company`) WHERE " + Int64.greater("__r0.`since`", "$p0")),
                "__c0", params("p0", 5L), "findByJobsSinceGreaterThan", 5L);
        assertProjected(with("(n)-[__r0:`WORKED_AT`]->(:`Company`) WHERE __r0.`role` CONTAINS $p0"),
                "__c0", params("p0", "dev"), "findByJobsRoleContaining", "dev");
        // the relationship itself: comparisons of the target's id
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`uid` <> $p0"), "__c0",
                params("p0", "c1"), "findByEmployerNot", new TestDomain.Company("c1"));
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`uid` IN $p0"), "__c0",
                params("p0", List.of("c1", "c2")), "findByEmployerIn",
                List.of(new TestDomain.Company("c1"), new TestDomain.Company("c2")));
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE (__x0.`uid` IS NOT NULL AND NOT (__x0.`uid` IN $p0))"),
                "__c0", params("p0", List.of("c1")), "findByEmployerNotIn",
                (Object) new TestDomain.Company[] {new TestDomain.Company("c1")});
    }

    @Test
    void severalFlagsHaveTheirOwnVariables() {
        // FalkorDB empties a later comprehension that reuses a variable name: every hop gets its own;
        // and once there is a flag, every part on a relationship path is one (no pattern predicate next to it)
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`name` STARTS WITH $p0",
                        "(n)-[:`KNOWS`]-(__x1:`Person`) WHERE __x1.`age` > $p1",
                        "(n)-[:`KNOWS`]-(__x2:`Person`) WHERE __x2.`name` = $p3"),
                "__c0 OR (__c1 AND n.`name` = $p2 AND __c2)",
                params("p0", "A", "p1", 30, "p2", "x", "p3", "y"),
                "findByEmployer_NameStartingWithOrFriendsAgeGreaterThanAndNameAndFriendsName", "A", 30, "x", "y");
        assertProjected(with("(n)-[__r0:`WORKED_AT`]->(:`Company`) WHERE __r0.`role` = $p0",
                        "(n)-[:`WORKS_AT`]->(:`Company`)",
                        "(n)-[:`KNOWS`]-(:`Person`)",
                        "(n)-[:`KNOWS`]-(__x3:`Person`) WHERE __x3.`uid` = $p1",
                        "(n)-[:`KNOWS`]-(__x4:`Person`) WHERE __x4.`uid` = $p2",
                        "(n)<-[:`FOLLOWS`]-(__x5:`Person`) WHERE __x5.`active` = true",
                        "(n)-[:`WORKS_AT`]->(__x6:`Company`) WHERE __x6.`name` STARTS WITH $p3"),
                "__c0 AND NOT __c1 AND __c2 AND __c3 AND NOT __c4 AND __c5 AND __c6",
                params("p0", "dev", "p1", 1L, "p2", 2L, "p3", "A"),
                "findByJobsRoleAndEmployerIsNullAndFriendsIsNotEmptyAndFriendsContainingAndFriendsNotContaining"
                        + "AndFollowersActiveTrueAndEmployer_NameStartingWith", "dev", new Person(1L), new Person(2L), "A");
        assertProjected(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`uid` IN $p0",
                        "(n)-[:`WORKS_AT`]->(:`Company`)", "(n)-[:`WORKS_AT`]->(:`Company`)",
                        "(n)-[:`WORKS_AT`]->(__x3:`Company`) WHERE __x3.`uid` = $p3"),
                "__c0 OR NOT __c1 OR __c2 OR __c3",
                params("p0", List.of("c"), "p3", "d"), "findByEmployerInOrEmployerOrEmployerNotOrEmployer",
                List.of(new TestDomain.Company("c")), null, null, new TestDomain.Company("d"));
        // the text is cached per textKey: bind reuses the projection too
        PartTree t = PartTree.parse("findByEmployer_NameStartingWithAndEmployer", Person.class, TestDomain.MODEL);
        CypherCondition first = CypherCondition.render(t, "n", Arrays.asList("A", null), Function.identity());
        assertEquals("__c0 AND NOT __c1", first.where());
        CypherCondition other = CypherCondition.render(t, "n", Arrays.asList("A", new TestDomain.Company("c")),
                Function.identity());
        assertEquals("__c0 AND __c1", other.where());
        assertEquals(with("(n)-[:`WORKS_AT`]->(__x0:`Company`) WHERE __x0.`name` STARTS WITH $p0",
                "(n)-[:`WORKS_AT`]->(__x1:`Company`) WHERE __x1.`uid` = $p1"), other.projection());
        List<Object> args = Arrays.asList("B", new TestDomain.Company("d"));
        assertEquals(CypherCondition.textKey(t, Arrays.asList("A", new TestDomain.Company("c"))),
                CypherCondition.textKey(t, args));
        assertEquals(false, CypherCondition.textKey(t, Arrays.asList("A", null)) == CypherCondition.textKey(t, args));
        CypherCondition bound = CypherCondition.bind(t, "n", args, Function.identity(), other);
        assertEquals(new CypherCondition(other.projection(), other.where(), "", "", params("p0", "B", "p1", "d")), bound);
        // a Not(null) on the relationship is a predicate, so it does not force flags
        PartTree both = PartTree.parse("findByEmployerNotAndFriendsName", Person.class, TestDomain.MODEL);
        assertEquals("(n)-[:`WORKS_AT`]->(:`Company`) AND (n)-[:`KNOWS`]-(:`Person` {`name`: $p1})",
                CypherCondition.render(both, "n", Arrays.asList(null, "x"), Function.identity()).afterMatch()
                        .substring("WHERE ".length()));
        assertEquals("__c0 AND __c1", CypherCondition.render(both, "n", Arrays.asList(new TestDomain.Company("c"), "x"),
                Function.identity()).where());
    }

    @Test
    void whichPartsNeedAProjection() {
        for (String method : new String[] {"findByName", "findByNameStartingWith", "findByEmployer_Name", "findByJobsRole",
                "findByFriendsActiveTrue", "findByJobsCurrentFalse", "findByEmployerIsNull", "findByEmployerIsNotNull",
                "findByFriendsIsEmpty", "findByFriendsIsNotEmpty", "findByEmployer", "findByFriendsContaining",
                "findByFriendsNotContaining", "findByEmployerAddressCity"}) {
            PartTree t = PartTree.parse(method, Person.class, TestDomain.MODEL);
            assertEquals(false, CypherCondition.needsProjection(t.parts().get(0)), method);
        }
        for (String method : new String[] {"findByEmployer_NameIgnoreCase", "findByEmployer_NameNot",
                "findByEmployer_NameIsNull", "findByEmployer_NameStartingWith", "findByFriendsAgeLessThan",
                "findByJobsRoleIn", "findByEmployerNot", "findByEmployerIn", "findByFriendsTagsIsEmpty"}) {
            PartTree t = PartTree.parse(method, Person.class, TestDomain.MODEL);
            assertEquals(true, CypherCondition.needsProjection(t.parts().get(0)), method);
        }
    }

    @Test
    void relationshipPathErrors() {
        String prefix = "Derived query %s on " + Person.class.getName() + ": ";
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByEmployer_Name")
                + "argument 0 (employer.name EQUALS) must not be null: on a relationship path, use IsNull to find "
                + "related nodes without the property, or a condition on the relationship itself (IsNull) to find "
                + "nodes without related nodes", () -> render("findByEmployer_Name", (Object) null));
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByEmployer_NameNotIgnoreCase")
                + "argument 0 (employer.name NOT_EQUALS) must not be null: on a relationship path, use IsNull to find "
                + "related nodes without the property, or a condition on the relationship itself (IsNull) to find "
                + "nodes without related nodes", () -> render("findByEmployer_NameNotIgnoreCase", (Object) null));
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByEmployer")
                + "argument 0 (employer EQUALS) must be a " + TestDomain.Company.class.getName() + ", was java.lang.String",
                () -> render("findByEmployer", "c1"));
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByFriendsContaining")
                + "argument 0 (friends CONTAINING) is a Person without an id (not saved yet), so no relationship "
                + "can lead to it", () -> render("findByFriendsContaining", new Person(null)));
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByEmployerIn")
                + "argument 0 (employer IN) must not contain null",
                () -> render("findByEmployerIn", Arrays.asList(new TestDomain.Company("c"), null)));
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByFriendsNotContaining")
                + "argument 0 (friends NOT_CONTAINING) must not be null", () -> render("findByFriendsNotContaining",
                (Object) null));
        for (String[] c : new String[][] {
                {"findByNameOrderByEmployer_NameAsc", "employer.name"},
                {"findByNameOrderByEmployerAddressCityDesc", "employer.address.city"},
                {"findByNameOrderByAgeAscFriendsNameAsc", "friends.name"},
        }) {
            PartTree t = PartTree.parse(c[0], Person.class, TestDomain.MODEL);
            MappingException e = assertThrows(MappingException.class,
                    () -> CypherCondition.render(t, "n", List.of("x"), Function.identity()));
            String problem = "OrderBy cannot sort by '" + c[1] + "', which reaches into related nodes: each result is "
                    + "one node, and with several related nodes there is no single value to sort it by; sort by a "
                    + "property of the entity itself";
            assertEquals(String.format(prefix, c[0]) + problem, e.getMessage());
            assertEquals(problem, CypherCondition.sortProblem(t.sort().get(t.sort().size() - 1)));
        }
        assertEquals(null, CypherCondition.sortProblem(
                PartTree.parse("findByNameOrderByAgeAsc", Person.class, TestDomain.MODEL).sort().get(0)));
        // the parser prefers the whole name: employerName is a plain property of Person
        assertWhere("n.`employerName` = $p0", params("p0", "x"), "findByEmployerName", "x");
    }

    @Test
    void argumentErrors() {
        String prefix = "Derived query %s on " + Person.class.getName() + ": ";
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByName") + "expects 1 argument(s), got 0",
                () -> render("findByName"));
        assertMessage(IllegalArgumentException.class, String.format(prefix, "findByAgeBetween") + "expects 2 argument(s), got 3",
                () -> render("findByAgeBetween", 1, 2, 3));
        assertMessage(IllegalArgumentException.class,
                String.format(prefix, "findByAgeLessThan") + "argument 0 (age LESS_THAN) must not be null",
                () -> render("findByAgeLessThan", (Object) null));
        assertMessage(IllegalArgumentException.class,
                String.format(prefix, "findByNameAndAgeBetween") + "argument 2 (age BETWEEN) must not be null",
                () -> render("findByNameAndAgeBetween", "x", 1, null));
        assertMessage(IllegalArgumentException.class,
                String.format(prefix, "findByNameIn") + "argument 0 (name IN) must be a collection or an array, was java.lang.String",
                () -> render("findByNameIn", "a"));
        assertMessage(IllegalArgumentException.class,
                String.format(prefix, "findByNameNotIn") + "argument 0 (name NOT_IN) must be a collection or an array, was null",
                () -> render("findByNameNotIn", (Object) null));
        assertMessage(IllegalArgumentException.class,
                String.format(prefix, "findByNameLike") + "argument 0 (name LIKE) must be a String, was java.lang.Integer",
                () -> render("findByNameLike", 5));
        assertMessage(IllegalArgumentException.class,
                String.format(prefix, "findByNameIgnoreCase") + "argument 0 (name EQUALS) must be a String for IgnoreCase, was java.lang.Integer",
                () -> render("findByNameIgnoreCase", 5));
        assertThrows(IllegalArgumentException.class, () -> render("findByNameMatches", "a("));
        assertThrows(IllegalArgumentException.class, () -> render("findByNameContaining", (Object) null));
        assertThrows(IllegalArgumentException.class, () -> render("findByTagsNotContaining", (Object) null));
    }

    @Test
    void badVariableOrGraphName() {
        PartTree t = PartTree.parse("findByName", Person.class, TestDomain.MODEL);
        for (String var : new String[] {"", "1n", "n-1", "n`", "__e", "__x0", "n n"}) {
            assertThrows(IllegalArgumentException.class, () -> CypherCondition.render(t, var, List.of("x"), Function.identity()), var);
        }
        TestDomain weird = new TestDomain().simple(Person.class, "name", "na`me", String.class);
        PartTree w = PartTree.parse("findByName", Person.class, weird);
        MappingException e = assertThrows(MappingException.class,
                () -> CypherCondition.render(w, "n", List.of("x"), Function.identity()));
        assertEquals("Derived query findByName on " + Person.class.getName()
                + ": the graph name 'na`me' of property 'name' cannot be back-quoted", e.getMessage());
    }

    static void assertMessage(Class<? extends Throwable> type, String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }
}
