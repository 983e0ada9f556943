package dev.falkor.orm.core.internal.query;

import static dev.falkor.orm.core.internal.query.Operator.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.core.internal.query.TestDomain.Address;
import dev.falkor.orm.core.internal.query.TestDomain.Company;
import dev.falkor.orm.core.internal.query.TestDomain.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartTreeParserTest {
    private static final TestDomain MODEL = TestDomain.MODEL;

    static PartTree parse(String method) {
        return PartTree.parse(method, Person.class, MODEL);
    }

    /** The path of dotted Java names starting at Person. */
    static List<PropertyRef> path(String dotted) {
        List<PropertyRef> path = new ArrayList<>();
        Class<?> owner = Person.class;
        for (String name : dotted.split("\\.")) {
            PropertyRef p = MODEL.ref(owner, name);
            path.add(p);
            owner = p.targetEntity();
        }
        return path;
    }

    static Part part(String dotted, Operator op, boolean ignoreCase, int argumentIndex) {
        return new Part(path(dotted), op, ignoreCase, argumentIndex);
    }

    static Criteria or(List<?>... groups) {
        List<AndGroup> list = new ArrayList<>();
        for (List<?> g : groups) {
            list.add(new AndGroup(g.stream().map(Part.class::cast).toList()));
        }
        return new Criteria(list, false);
    }

    static Criteria single(Part p) {
        return or(List.of(p));
    }

    static void assertError(String method, String problem) {
        MappingException e = assertThrows(MappingException.class, () -> parse(method));
        assertEquals("Derived query " + method + " on " + Person.class.getName() + ": " + problem, e.getMessage());
    }

    static final Subject FIND = new Subject(QueryKind.FIND, false, OptionalInt.empty());

    // ---------------------------------------------------------------- subject

    @Test
    void simplestName() {
        PartTree t = parse("findByName");
        assertEquals(new PartTree("findByName", Person.class, FIND, single(part("name", EQUALS, false, 0)), List.of()), t);
        assertEquals(1, t.argumentCount());
    }

    @ParameterizedTest
    @CsvSource({"find, FIND", "read, FIND", "get, FIND", "query, FIND", "search, FIND", "stream, STREAM",
            "count, COUNT", "exists, EXISTS", "delete, DELETE", "remove, DELETE"})
    void verbs(String verb, QueryKind kind) {
        PartTree t = parse(verb + "ByName");
        assertEquals(new Subject(kind, false, OptionalInt.empty()), t.subject());
        assertEquals(single(part("name", EQUALS, false, 0)), t.criteria());
    }

    @ParameterizedTest
    @CsvSource({
            "findAllByName, false, 0",
            "findPeopleByName, false, 0",
            "findDistinctByName, true, 0",
            "findDistinctPeopleByName, true, 0",
            "findPeopleDistinctByName, true, 0",
            "findFirstByName, false, 1",
            "findTopByName, false, 1",
            "findTop10ByName, false, 10",
            "findFirst3ByName, false, 3",
            "findTopPeopleByName, false, 1",
            "findFirst2PeopleByName, false, 2",
            "findDistinctTop5ByName, true, 5",
            "findTop5DistinctByName, true, 5",
            "findDistinctFirstByName, true, 1",
            "findTopicByName, false, 0",
            "findFirstlyByName, false, 0",
            "readTop7ByName, false, 7",
            "getFirstByName, false, 1",
            "queryTop2ByName, false, 2",
            "countDistinctByName, true, 0",
    })
    void subjectDistinctAndLimit(String method, boolean distinct, int limit) {
        Subject s = parse(method).subject();
        assertEquals(distinct, s.distinct(), "distinct");
        assertEquals(limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit), s.maxResults(), "limit");
        assertEquals(limit != 0, s.isLimiting());
    }

    @Test
    void streamWithLimit() {
        assertEquals(new Subject(QueryKind.STREAM, false, OptionalInt.of(3)), parse("streamFirst3ByAge").subject());
    }

    @Test
    void subjectErrors() {
        assertError("countTop3ByName", "Top3 limits results, which a count query cannot do; "
                + "only find/read/get/query/search/stream queries take First or Top");
        assertError("deleteFirstByName", "First limits results, which a delete query cannot do; "
                + "only find/read/get/query/search/stream queries take First or Top");
        assertError("existsTopByName", "Top limits results, which a exists query cannot do; "
                + "only find/read/get/query/search/stream queries take First or Top");
        assertError("findTop0ByName", "the limit Top0 must be at least 1");
        assertError("findFirst99999999999ByName", "the limit First99999999999 is too large (at most 2147483647)");
    }

    @ParameterizedTest
    @CsvSource({"findAll", "findName", "saveByName", "finderByName", "findingByName", "ByName", "find", "name",
            "FindByName", "getallByName"})
    void notADerivedQuery(String method) {
        assertError(method, "not a derived query name; expected find…By, read…By, get…By, query…By, search…By, "
                + "stream…By, count…By, exists…By, delete…By or remove…By followed by conditions");
    }

    @Test
    void lowerCaseAfterBy() {
        assertError("findByname", "expected an upper-case property name after 'By', found 'name'");
    }

    @Test
    void noCriteria() {
        assertEquals(new PartTree("findBy", Person.class, FIND, Criteria.NONE, List.of()), parse("findBy"));
        PartTree t = parse("findByOrderByNameAsc");
        assertEquals(Criteria.NONE, t.criteria());
        assertTrue(t.criteria().isEmpty());
        assertEquals(List.of(new SortKey(path("name"), SortKey.Direction.ASC)), t.sort());
        assertEquals(0, t.argumentCount());
        PartTree all = parse("findAllByOrderByAgeDesc");
        assertEquals(Criteria.NONE, all.criteria());
        assertEquals(List.of(new SortKey(path("age"), SortKey.Direction.DESC)), all.sort());
        assertEquals(new Subject(QueryKind.COUNT, false, OptionalInt.empty()), parse("countBy").subject());
    }

    // ---------------------------------------------------------------- operators

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "findByName, name, EQUALS, 1",
            "findByNameIs, name, EQUALS, 1",
            "findByNameEquals, name, EQUALS, 1",
            "findByNameIsNot, name, NOT_EQUALS, 1",
            "findByNameNot, name, NOT_EQUALS, 1",
            "findByAgeIsLessThan, age, LESS_THAN, 1",
            "findByAgeLessThan, age, LESS_THAN, 1",
            "findByAgeIsLessThanEqual, age, LESS_THAN_EQUAL, 1",
            "findByAgeLessThanEqual, age, LESS_THAN_EQUAL, 1",
            "findByAgeIsGreaterThan, age, GREATER_THAN, 1",
            "findByAgeGreaterThan, age, GREATER_THAN, 1",
            "findByAgeIsGreaterThanEqual, age, GREATER_THAN_EQUAL, 1",
            "findByAgeGreaterThanEqual, age, GREATER_THAN_EQUAL, 1",
            "findByBirthDateIsBefore, birthDate, BEFORE, 1",
            "findByBirthDateBefore, birthDate, BEFORE, 1",
            "findByBirthDateIsAfter, birthDate, AFTER, 1",
            "findByBirthDateAfter, birthDate, AFTER, 1",
            "findByAgeIsBetween, age, BETWEEN, 2",
            "findByAgeBetween, age, BETWEEN, 2",
            "findByNameIsNull, name, IS_NULL, 0",
            "findByNameNull, name, IS_NULL, 0",
            "findByNameIsNotNull, name, IS_NOT_NULL, 0",
            "findByNameNotNull, name, IS_NOT_NULL, 0",
            "findByNameIsLike, name, LIKE, 1",
            "findByNameLike, name, LIKE, 1",
            "findByNameIsNotLike, name, NOT_LIKE, 1",
            "findByNameNotLike, name, NOT_LIKE, 1",
            "findByNameIsStartingWith, name, STARTING_WITH, 1",
            "findByNameStartingWith, name, STARTING_WITH, 1",
            "findByNameStartsWith, name, STARTING_WITH, 1",
            "findByNameIsEndingWith, name, ENDING_WITH, 1",
            "findByNameEndingWith, name, ENDING_WITH, 1",
            "findByNameEndsWith, name, ENDING_WITH, 1",
            "findByNameIsContaining, name, CONTAINING, 1",
            "findByNameContaining, name, CONTAINING, 1",
            "findByNameContains, name, CONTAINING, 1",
            "findByTagsContaining, tags, CONTAINING, 1",
            "findByNameIsNotContaining, name, NOT_CONTAINING, 1",
            "findByNameNotContaining, name, NOT_CONTAINING, 1",
            "findByNameNotContains, name, NOT_CONTAINING, 1",
            "findByTagsNotContains, tags, NOT_CONTAINING, 1",
            "findByNameIsIn, name, IN, 1",
            "findByNameIn, name, IN, 1",
            "findByNameIsNotIn, name, NOT_IN, 1",
            "findByNameNotIn, name, NOT_IN, 1",
            "findByActiveIsTrue, active, TRUE, 0",
            "findByActiveTrue, active, TRUE, 0",
            "findByLoggedInIsFalse, loggedIn, FALSE, 0",
            "findByActiveFalse, active, FALSE, 0",
            "findByNameIsEmpty, name, IS_EMPTY, 0",
            "findByTagsEmpty, tags, IS_EMPTY, 0",
            "findByNameIsNotEmpty, name, IS_NOT_EMPTY, 0",
            "findByTagsNotEmpty, tags, IS_NOT_EMPTY, 0",
            "findByNameMatches, name, MATCHES, 1",
            "findByNameMatchesRegex, name, MATCHES, 1",
            "findByNameRegex, name, MATCHES, 1",
            "findByEmployer, employer, EQUALS, 1",
            "findByEmployerIsNull, employer, IS_NULL, 0",
            "findByEmployerIn, employer, IN, 1",
            "findByFriendsContaining, friends, CONTAINING, 1",
            "findByFriendsIsEmpty, friends, IS_EMPTY, 0",
            "findByInitialStartsWith, initial, STARTING_WITH, 1",
    })
    void everyKeywordAndSynonym(String method, String property, Operator op, int arguments) {
        PartTree t = parse(method);
        assertEquals(single(part(property, op, false, 0)), t.criteria());
        assertEquals(arguments, t.argumentCount());
        assertEquals(arguments, op.argumentCount());
    }

    @Test
    void everyOperatorHasItsKeywordsTested() {
        // keep the table above honest: every keyword of every operator appears in it
        List<String> tested = List.of("Is", "Equals", "IsNot", "Not", "IsLessThan", "LessThan", "IsLessThanEqual",
                "LessThanEqual", "IsGreaterThan", "GreaterThan", "IsGreaterThanEqual", "GreaterThanEqual", "IsBefore",
                "Before", "IsAfter", "After", "IsBetween", "Between", "IsNull", "Null", "IsNotNull", "NotNull", "IsLike",
                "Like", "IsNotLike", "NotLike", "IsStartingWith", "StartingWith", "StartsWith", "IsEndingWith",
                "EndingWith", "EndsWith", "IsContaining", "Containing", "Contains", "IsNotContaining", "NotContaining",
                "NotContains", "IsIn", "In", "IsNotIn", "NotIn", "IsTrue", "True", "IsFalse", "False", "IsEmpty", "Empty",
                "IsNotEmpty", "NotEmpty", "MatchesRegex", "Matches", "Regex");
        List<String> all = new ArrayList<>();
        for (Operator op : Operator.values()) {
            all.addAll(op.keywords());
        }
        assertEquals(tested, all);
    }

    @Test
    void propertyEndingLikeAKeywordIsStillFound() {
        // "LoggedIn" ends with the keyword "In", but there is no property "logged": it is the property loggedIn
        assertEquals(single(part("loggedIn", EQUALS, false, 0)), parse("findByLoggedIn").criteria());
        assertEquals(single(part("loggedIn", IN, false, 0)), parse("findByLoggedInIn").criteria());
        assertEquals(single(part("loggedIn", NOT_EQUALS, false, 0)), parse("findByLoggedInNot").criteria());
    }

    @Test
    void longerKeywordsWinWhenBothReadingsResolve() {
        // with properties "name" and "nameNot" both "NameNot|In" and "Name|NotIn" resolve: the longer keyword wins (as in Spring)
        TestDomain odd = new TestDomain()
                .simple(Person.class, "name", "name", String.class)
                .simple(Person.class, "nameNot", "name_not", String.class)
                .simple(Person.class, "nameIs", "name_is", String.class);
        PropertyRef name = odd.ref(Person.class, "name");
        assertEquals(new Part(List.of(name), NOT_IN, false, 0),
                PartTree.parse("findByNameNotIn", Person.class, odd).parts().get(0));
        assertEquals(new Part(List.of(name), IS_NOT_NULL, false, 0),
                PartTree.parse("findByNameIsNotNull", Person.class, odd).parts().get(0));
        assertEquals(new Part(List.of(name), NOT_EQUALS, false, 0),
                PartTree.parse("findByNameNot", Person.class, odd).parts().get(0));
        assertEquals(new Part(List.of(odd.ref(Person.class, "nameNot")), EQUALS, false, 0),
                PartTree.parse("findByNameNotIs", Person.class, odd).parts().get(0));
    }

    // ---------------------------------------------------------------- and / or

    @Test
    void andBindsTighterThanOr() {
        PartTree t = parse("findByNameAndAgeOrEmailAndNicknameOrActiveTrue");
        assertEquals(or(
                List.of(part("name", EQUALS, false, 0), part("age", EQUALS, false, 1)),
                List.of(part("email", EQUALS, false, 2), part("nickname", EQUALS, false, 3)),
                List.of(part("active", TRUE, false, 4))), t.criteria());
        assertEquals(4, t.argumentCount());
    }

    @Test
    void argumentIndicesFollowArgumentCounts() {
        PartTree t = parse("findByNameAndAgeBetweenAndEmailIsNullOrNicknameInAndActiveTrueAndScoreLessThan");
        assertEquals(or(
                List.of(part("name", EQUALS, false, 0), part("age", BETWEEN, false, 1),
                        part("email", IS_NULL, false, 3)),
                List.of(part("nickname", IN, false, 3), part("active", TRUE, false, 4),
                        part("score", LESS_THAN, false, 4))), t.criteria());
        assertEquals(5, t.argumentCount());
        assertEquals(List.of(0, 1, 3, 3, 4, 4), t.parts().stream().map(Part::argumentIndex).toList());
    }

    @Test
    void orAndAndOnlySplitAtWordBoundaries() {
        // "Origin..." starts with "Or", "Order" contains "Or", "Android"-like words contain "And"
        assertEquals(or(List.of(part("name", EQUALS, false, 0)), List.of(part("originCountry", EQUALS, false, 1))),
                parse("findByNameOrOriginCountry").criteria());
        assertEquals(single(part("originCountry", EQUALS, false, 0)), parse("findByOriginCountry").criteria());
        assertEquals(or(List.of(part("originCountry", STARTING_WITH, false, 0), part("addressZip", EQUALS, false, 1))),
                parse("findByOriginCountryStartingWithAndAddressZip").criteria());
    }

    // ---------------------------------------------------------------- ignore case

    @Test
    void ignoreCasePerPart() {
        assertEquals(single(part("name", EQUALS, true, 0)), parse("findByNameIgnoreCase").criteria());
        assertEquals(single(part("name", EQUALS, true, 0)), parse("findByNameIgnoringCase").criteria());
        assertEquals(single(part("name", STARTING_WITH, true, 0)), parse("findByNameStartingWithIgnoreCase").criteria());
        assertEquals(single(part("name", NOT_IN, true, 0)), parse("findByNameNotInIgnoringCase").criteria());
        assertEquals(single(part("name", LIKE, true, 0)), parse("findByNameLikeIgnoreCase").criteria());
        assertEquals(single(part("name", MATCHES, true, 0)), parse("findByNameMatchesIgnoreCase").criteria());
        assertEquals(single(part("initial", EQUALS, true, 0)), parse("findByInitialIgnoreCase").criteria());
        assertEquals(or(List.of(part("name", EQUALS, true, 0), part("email", EQUALS, false, 1))),
                parse("findByNameIgnoreCaseAndEmail").criteria());
    }

    @Test
    void allIgnoreCaseAppliesToStringPartsOnly() {
        PartTree t = parse("findByNameAndAgeOrEmailContainingAndActiveTrueAndTagsContainingAllIgnoreCase");
        assertEquals(new Criteria(List.of(
                new AndGroup(List.of(part("name", EQUALS, true, 0), part("age", EQUALS, false, 1))),
                new AndGroup(List.of(part("email", CONTAINING, true, 2), part("active", TRUE, false, 3),
                        part("tags", CONTAINING, false, 3)))), true), t.criteria());
        assertTrue(t.criteria().allIgnoreCase());
        PartTree t2 = parse("findByNameIsNullAndNicknameAllIgnoringCaseOrderByAgeDesc");
        assertEquals(new Criteria(List.of(new AndGroup(List.of(part("name", IS_NULL, false, 0),
                part("nickname", EQUALS, true, 0)))), true), t2.criteria());
        assertEquals(List.of(new SortKey(path("age"), SortKey.Direction.DESC)), t2.sort());
        assertFalse(parse("findByName").criteria().allIgnoreCase());
    }

    @Test
    void ignoreCaseErrors() {
        assertError("findByAgeIgnoreCase", "IgnoreCase needs a String property, but 'age' is int");
        assertError("findByTagsContainingIgnoreCase", "IgnoreCase needs a String property, but 'tags' is a collection (List)");
        assertError("findByEmployerIgnoreCase", "IgnoreCase needs a String property, but 'employer' is a relationship to Company");
        assertError("findByNameIsNullIgnoreCase",
                "IgnoreCase cannot be combined with IsNull (there is no value to compare) in 'name'");
        assertError("findByNameEmptyIgnoringCase",
                "IgnoreCase cannot be combined with Empty (there is no value to compare) in 'name'");
        assertError("findByNameAllIgnoreCaseAndAge",
                "AllIgnoreCase must come after the last condition (just before OrderBy), but it is followed by 'AndAge'");
        assertError("findByNameIgnoreCaseLike",
                "IgnoreCase must be the last word of a condition, as in NameStartingWithIgnoreCase, "
                        + "but in 'NameIgnoreCaseLike' it is followed by 'Like'");
        assertError("findByAllIgnoreCase", "AllIgnoreCase needs at least one condition before it");
    }

    // ---------------------------------------------------------------- property paths

    @Test
    void longestPropertyWins() {
        assertEquals(single(part("employerName", EQUALS, false, 0)), parse("findByEmployerName").criteria());
        assertEquals(single(part("addressZip", EQUALS, false, 0)), parse("findByAddressZip").criteria());
    }

    @Test
    void pathsThroughRelationships() {
        assertEquals(single(part("employer.address.city", EQUALS, false, 0)),
                parse("findByEmployerAddressCity").criteria());
        // addressZip exists but is no relationship, so the split moves left: address.zipCode
        assertEquals(single(part("address.zipCode", STARTING_WITH, false, 0)),
                parse("findByAddressZipCodeStartingWith").criteria());
        assertEquals(single(part("employer.founded", BETWEEN, false, 0)),
                parse("findByEmployerFoundedBetween").criteria());
        assertEquals(single(part("friends.name", EQUALS, true, 0)), parse("findByFriendsNameIgnoreCase").criteria());
        // friends are Persons, which have employerName: the longest match wins at every level
        assertEquals(single(part("friends.employerName", IN, false, 0)), parse("findByFriendsEmployerNameIn").criteria());
        assertEquals(single(part("friends.employer.address.city", IN, false, 0)),
                parse("findByFriendsEmployerAddressCityIn").criteria());
        PartTree t = parse("findByEmployerAddressCity");
        assertTrue(t.parts().get(0).isNested());
        assertEquals("employer.address.city", t.parts().get(0).dotPath());
        assertEquals(MODEL.ref(Address.class, "city"), t.parts().get(0).leaf());
    }

    @Test
    void underscoreForcesTheSplit() {
        assertEquals(single(part("employer.name", EQUALS, false, 0)), parse("findByEmployer_Name").criteria());
        assertEquals(single(part("address.zip", EQUALS, false, 0)), parse("findByAddress_Zip").criteria());
        assertEquals(single(part("employer.address.zipCode", EQUALS, false, 0)),
                parse("findByEmployer_AddressZipCode").criteria());
    }

    @Test
    void propertiesOfRelationshipsWithProperties() {
        PropertyRef jobs = MODEL.ref(Person.class, "jobs");
        PropertyRef role = MODEL.ref(TestDomain.Employment.class, "role");
        // the relationship's own property first (Company has a role too) ...
        assertEquals(List.of(jobs, role), parse("findByJobsRole").parts().get(0).path());
        assertEquals(List.of(jobs, role), parse("findByJobs_Role").parts().get(0).path());
        assertEquals(new Part(List.of(jobs, MODEL.ref(TestDomain.Employment.class, "since")), GREATER_THAN, false, 0),
                parse("findByJobsSinceGreaterThan").parts().get(0));
        // ... then the target's, and on through its relationships
        assertEquals(List.of(jobs, MODEL.ref(Company.class, "name")), parse("findByJobsNameIgnoreCase").parts().get(0).path());
        assertEquals(List.of(jobs, MODEL.ref(Company.class, "address"), MODEL.ref(Address.class, "city")),
                parse("findByJobsAddressCity").parts().get(0).path());
        assertEquals(List.of(jobs), parse("findByJobsIsEmpty").parts().get(0).path());
        assertError("findByJobsNmae", "no property 'nmae' on " + Company.class.getName() + " or on its relationship "
                + TestDomain.Employment.class.getName() + " (reached through 'jobs'); known properties: name, address, "
                + "founded, role; relationship properties: role, since, current");
        assertError("findByJobs_Nmae", "no property 'nmae' on " + Company.class.getName() + " or on its relationship "
                + TestDomain.Employment.class.getName() + " (reached through 'jobs'); known properties: name, address, "
                + "founded, role; relationship properties: role, since, current");
        assertError("findByJobsRole_Name", "'jobs.role' is not a relationship, so 'Name' cannot be reached through it");
        assertError("findByJobsRoleTrue", "True needs a boolean property, but 'jobs.role' is String");
    }

    @Test
    void relationshipsThemselves() {
        assertEquals(single(part("employer", IS_EMPTY, false, 0)), parse("findByEmployerIsEmpty").criteria());
        assertEquals(single(part("employer", IS_NOT_EMPTY, false, 0)), parse("findByEmployerIsNotEmpty").criteria());
        assertEquals(single(part("friends", NOT_CONTAINING, false, 0)), parse("findByFriendsNotContaining").criteria());
        assertEquals(single(part("employer.address", IS_NULL, false, 0)), parse("findByEmployerAddressIsNull").criteria());
        PropertyRef employer = MODEL.ref(Person.class, "employer");
        assertTrue(employer.relationship());
        assertEquals(Company.class, employer.javaType(), "an argument comparing the relationship is a Company");
        assertEquals(new PropertyRef.Hop("WORKS_AT", dev.falkor.orm.api.annotation.Relationship.Direction.OUTGOING,
                "Company", null, "uid", employer.hop().idOf()), employer.hop());
        assertTrue(parse("findByEmployer_Name").parts().get(0).onRelationship());
        assertTrue(parse("findByEmployerIsNull").parts().get(0).onRelationship());
        assertFalse(parse("findByEmployerName").parts().get(0).onRelationship());
        assertError("findByEmployerStartingWith", "StartingWith needs a String property, but 'employer' is a relationship "
                + "to Company");
        assertError("findByFriendsTrue", "True needs a boolean property, but 'friends' is a relationship collection to Person");
    }

    @Test
    void introspectorStyleNames() {
        assertEquals(single(part("URL", EQUALS, false, 0)), parse("findByURL").criteria());
    }

    @Test
    void unknownPropertyErrors() {
        String people = String.join(", ", MODEL.propertyNames(Person.class));
        assertEquals("name, age, email, nickname, firstName, lastName, description, active, loggedIn, tags, score, "
                + "birthDate, employerName, originCountry, addressZip, URL, initial, employer, address, friends, jobs, followers", people);
        assertError("findByAgee", "no property 'agee'; known properties: " + people);
        assertError("findByAgeeLessThan", "no property 'agee'; known properties: " + people);
        assertError("findByNameAndAgee", "no property 'agee'; known properties: " + people);
        assertError("findByNameOr", "no property 'nameOr'; known properties: " + people);
        assertError("findByEmployerNmae", "no property 'nmae' on " + Company.class.getName()
                + " (reached through 'employer'); known properties: name, address, founded, role");
        assertError("findByEmployerAddressTown", "no property 'town' on " + Address.class.getName()
                + " (reached through 'employer.address'); known properties: city, zip, zipCode");
        assertError("findByEmployer_Nmae", "no property 'nmae' on " + Company.class.getName()
                + " (reached through 'employer'); known properties: name, address, founded, role");
        assertError("findByName_Length", "'name' is not a relationship, so 'Length' cannot be reached through it");
        assertError("findByEmployer__Name", "empty property name in 'Employer__Name' (check the underscores)");
    }

    @Test
    void keywordMisuseErrors() {
        assertError("findByAgeStartingWith", "StartingWith needs a String property, but 'age' is int");
        assertError("findByScoreLike", "Like needs a String property, but 'score' is double");
        assertError("findByTagsMatches", "Matches needs a String property, but 'tags' is a collection (List)");
        assertError("findByTagsLessThan",
                "LessThan needs a single comparable value (number, string, date), but 'tags' is a collection (List)");
        assertError("findByActiveGreaterThan",
                "GreaterThan needs a single comparable value (number, string, date), but 'active' is Boolean");
        assertError("findByEmployerBetween",
                "Between needs a single comparable value (number, string, date), but 'employer' is a relationship to Company");
        assertError("findByNameTrue", "True needs a boolean property, but 'name' is String");
        assertError("findByAgeIsFalse", "IsFalse needs a boolean property, but 'age' is int");
        assertError("findByAgeIsEmpty", "IsEmpty needs a String, collection or relationship property, but 'age' is int");
        assertError("findByEmployerContaining",
                "Containing needs a String or collection property, but 'employer' is a relationship to Company");
        assertError("findByTagsIn", "In compares one value with the argument's elements, but 'tags' is a collection (List); "
                + "use Containing to test for an element");
        assertError("findByFriendsNotIn", "NotIn compares one value with the argument's elements, but 'friends' is a "
                + "relationship collection to Person; use Containing to test for an element");
    }

    // ---------------------------------------------------------------- order by

    @Test
    void orderBy() {
        PartTree t = parse("findByAgeOrderByLastNameAscFirstNameDesc");
        assertEquals(single(part("age", EQUALS, false, 0)), t.criteria());
        assertEquals(List.of(new SortKey(path("lastName"), SortKey.Direction.ASC),
                new SortKey(path("firstName"), SortKey.Direction.DESC)), t.sort());
        assertEquals(List.of(new SortKey(path("age"), SortKey.Direction.ASC)), parse("findByNameOrderByAge").sort());
        assertEquals(List.of(new SortKey(path("description"), SortKey.Direction.DESC),
                        new SortKey(path("name"), SortKey.Direction.ASC)),
                parse("findByNameOrderByDescriptionDescName").sort());
        assertEquals(List.of(new SortKey(path("description"), SortKey.Direction.ASC)),
                parse("findByNameOrderByDescription").sort());
        assertEquals(List.of(new SortKey(path("employerName"), SortKey.Direction.ASC),
                        new SortKey(path("employer.name"), SortKey.Direction.DESC),
                        new SortKey(path("employer.address.city"), SortKey.Direction.ASC)),
                parse("findByNameOrderByEmployerNameAscEmployer_NameDescEmployerAddressCityAsc").sort());
        assertEquals(List.of(new SortKey(path("name"), SortKey.Direction.ASC)),
                parse("findByNameOrAgeOrderByNameAsc").sort());
    }

    @Test
    void orderByErrors() {
        String people = String.join(", ", MODEL.propertyNames(Person.class));
        assertError("findByNameOrderBy", "OrderBy needs at least one property, as in OrderByLastNameAsc");
        assertError("findByNameOrderByAgeOrderByName", "OrderBy appears more than once");
        assertError("findByNameOrderByAgee", "OrderBy: no property 'agee'; known properties: " + people);
        assertError("findByNameOrderByNameAge", "OrderBy: no property 'nameAge'; known properties: " + people);
        assertError("findByNameOrderByEmployerAsc", "OrderBy cannot sort by the relationship 'employer'; "
                + "sort by one of its target's properties instead");
        assertError("findByNameOrderByTagsDesc", "OrderBy cannot sort by the collection property 'tags'");
    }

    // ---------------------------------------------------------------- misc

    @Test
    void treeIsImmutable() {
        PartTree t = parse("findByNameOrAgeOrderByName");
        assertThrows(UnsupportedOperationException.class, () -> t.sort().clear());
        assertThrows(UnsupportedOperationException.class, () -> t.criteria().alternatives().clear());
        assertThrows(UnsupportedOperationException.class, () -> t.parts().get(0).path().clear());
    }

    @Test
    void otherRootClass() {
        PartTree t = PartTree.parse("findByAddressCityOrName", Company.class, MODEL);
        assertEquals(List.of(MODEL.ref(Company.class, "address"), MODEL.ref(Address.class, "city")),
                t.parts().get(0).path());
        assertEquals(List.of(MODEL.ref(Company.class, "name")), t.parts().get(1).path());
        MappingException e = assertThrows(MappingException.class, () -> PartTree.parse("findByAge", Company.class, MODEL));
        assertEquals("Derived query findByAge on " + Company.class.getName()
                + ": no property 'age'; known properties: name, address, founded, role", e.getMessage());
    }
}
