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

    @Test
    void relationshipPathsAreNotRenderedYet() {
        String prefix = "Derived query %s on " + Person.class.getName() + ": relationship property paths are not supported yet (%s)";
        for (String[] c : new String[][] {
                {"findByEmployer_Name", "employer.name"},
                {"findByEmployerAddressCity", "employer.address.city"},
                {"findByEmployer", "employer"},
                {"findByFriendsContaining", "friends"},
                {"findByNameOrderByEmployer_NameAsc", "employer.name"},
        }) {
            PartTree t = PartTree.parse(c[0], Person.class, TestDomain.MODEL);
            List<Object> args = Arrays.asList(new Object[t.argumentCount()]);
            MappingException e = assertThrows(MappingException.class,
                    () -> CypherCondition.render(t, "n", args, Function.identity()));
            assertEquals(String.format(prefix, c[0], c[1]), e.getMessage());
        }
        // the parser keeps the path: employerName is a plain property and renders fine
        assertEquals("n.`employerName` = $p0", render("findByEmployerName", "x").where());
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
        for (String var : new String[] {"", "1n", "n-1", "n`", "__e", "n n"}) {
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
