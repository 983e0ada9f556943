package dev.falkor.orm.core.internal.query;

import java.util.List;

/**
 * The comparison of one {@link Part}, with the method-name keywords that select it (the
 * synonyms Spring Data accepts). A part without a keyword is {@link #EQUALS}.
 */
public enum Operator {
    /** {@code Is}, {@code Equals}, or no keyword: {@code n.p = $x} ({@code IS NULL} for a null argument). */
    EQUALS(1, "Is", "Equals"),
    /** {@code IsNot}, {@code Not}: {@code n.p <> $x} ({@code IS NOT NULL} for a null argument). */
    NOT_EQUALS(1, "IsNot", "Not"),
    LESS_THAN(1, "IsLessThan", "LessThan"),
    LESS_THAN_EQUAL(1, "IsLessThanEqual", "LessThanEqual"),
    GREATER_THAN(1, "IsGreaterThan", "GreaterThan"),
    GREATER_THAN_EQUAL(1, "IsGreaterThanEqual", "GreaterThanEqual"),
    /** Same as {@link #LESS_THAN}, for dates. */
    BEFORE(1, "IsBefore", "Before"),
    /** Same as {@link #GREATER_THAN}, for dates. */
    AFTER(1, "IsAfter", "After"),
    /** Inclusive at both ends; two arguments. */
    BETWEEN(2, "IsBetween", "Between"),
    IS_NULL(0, "IsNull", "Null"),
    IS_NOT_NULL(0, "IsNotNull", "NotNull"),
    /** SQL {@code LIKE}: {@code %} any run of characters, {@code _} one character, {@code \} escapes. */
    LIKE(1, "IsLike", "Like"),
    NOT_LIKE(1, "IsNotLike", "NotLike"),
    STARTING_WITH(1, "IsStartingWith", "StartingWith", "StartsWith"),
    ENDING_WITH(1, "IsEndingWith", "EndingWith", "EndsWith"),
    /** Substring of a string property, or element of a collection property. */
    CONTAINING(1, "IsContaining", "Containing", "Contains"),
    NOT_CONTAINING(1, "IsNotContaining", "NotContaining", "NotContains"),
    /** The argument is a collection or an array. */
    IN(1, "IsIn", "In"),
    NOT_IN(1, "IsNotIn", "NotIn"),
    TRUE(0, "IsTrue", "True"),
    FALSE(0, "IsFalse", "False"),
    /** Null, empty string or empty collection. */
    IS_EMPTY(0, "IsEmpty", "Empty"),
    IS_NOT_EMPTY(0, "IsNotEmpty", "NotEmpty"),
    /**
     * The whole value matches a regular expression in Java syntax, run by the server's engine
     * (Unicode-aware {@code \w \d \s}; see {@code RegexPatterns#matches}).
     */
    MATCHES(1, "MatchesRegex", "Matches", "Regex");

    private final int argumentCount;
    private final List<String> keywords;

    Operator(int argumentCount, String... keywords) {
        this.argumentCount = argumentCount;
        this.keywords = List.of(keywords);
    }

    /** How many method arguments a part with this operator consumes. */
    public int argumentCount() {
        return argumentCount;
    }

    /** The method-name keywords for this operator, e.g. {@code [IsLessThan, LessThan]}. */
    public List<String> keywords() {
        return keywords;
    }

    /** False for operators without a value to compare ({@code IsNull}, {@code True}, {@code IsEmpty}, ...). */
    public boolean supportsIgnoreCase() {
        return switch (this) {
            case IS_NULL, IS_NOT_NULL, TRUE, FALSE, IS_EMPTY, IS_NOT_EMPTY -> false;
            default -> true;
        };
    }
}
