package dev.falkor.orm.core.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexPatternsTest {

    @Test
    void likeTranslation() {
        assertEquals("^(?s:abc)\\z", RegexPatterns.like("abc"));
        assertEquals("^(?s:.*)\\z", RegexPatterns.like("%"));
        assertEquals("^(?s:)\\z", RegexPatterns.like(""));
        assertEquals("^(?s:a.*b.c)\\z", RegexPatterns.like("a%b_c"));
        assertEquals("^(?s:a\\.b\\*c)\\z", RegexPatterns.like("a.b*c"));
        assertEquals("^(?s:100\\%)\\z", RegexPatterns.like("100\\%"));
        assertEquals("^(?s:x\\_y.*)\\z", RegexPatterns.like("x\\_y%"));
        assertEquals("^(?s:a\\\\)\\z", RegexPatterns.like("a\\"));
        assertEquals("^(?s:a\\\\b)\\z", RegexPatterns.like("a\\\\b"));
        assertEquals("^(?s:q)\\z", RegexPatterns.like("\\q"));
        assertEquals("^(?s:\\(\\)\\[\\]\\{\\}\\^\\$\\|\\?\\+\\-\\#\\ \\/)\\z", RegexPatterns.like("()[]{}^$|?+-# /"));
        assertEquals("^(?s:ä\\ ß\n😀)\\z", RegexPatterns.like("ä ß\n😀"));
    }

    @Test
    void likeRegexAgreesWithTheIndependentMatcherInJava() {
        Random random = new Random(7);
        String alphabet = "aAb.%_*\\[](){}^$|?+ \n-é😀";
        int[] cps = alphabet.codePoints().toArray();
        for (int round = 0; round < 20_000; round++) {
            String pattern = randomString(random, cps, 6);
            String value = randomString(random, cps, 6);
            boolean expected = SqlLike.matches(value, pattern);
            boolean actual = Pattern.compile(RegexPatterns.like(pattern)).matcher(value).find();
            assertEquals(expected, actual, () -> "pattern '" + pattern + "' value '" + value + "'");
        }
    }

    @Test
    void likeRegexSurvivesLowerCasing() {
        // for IgnoreCase the server runs toLower over the regex: that must equal the regex of the lower-cased pattern
        Random random = new Random(11);
        int[] cps = "aAbBzZ.%_*\\[](){}^$|?+ SQEDWzÄÉ".codePoints().toArray();
        for (int round = 0; round < 5_000; round++) {
            String pattern = randomString(random, cps, 8);
            assertEquals(RegexPatterns.like(pattern.toLowerCase(Locale.ROOT)),
                    RegexPatterns.like(pattern).toLowerCase(Locale.ROOT), pattern);
        }
    }

    @Test
    void matchesTranslation() {
        assertEquals("\\A(?:a|b)\\z", RegexPatterns.matches("a|b", false));
        assertEquals("\\A(?i:a|b)\\z", RegexPatterns.matches("a|b", true));
        assertTrue(Pattern.compile(RegexPatterns.matches("a|b", false)).matcher("b").find());
        assertFalse(Pattern.compile(RegexPatterns.matches("a|b", false)).matcher("ab").find());
        assertFalse(Pattern.compile(RegexPatterns.matches("b", false)).matcher("b\n").find());
    }

    @Test
    void invalidRegexesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RegexPatterns.matches("a(", false));
        assertThrows(IllegalArgumentException.class, () -> RegexPatterns.matches("a)|(b", false));
        assertThrows(IllegalArgumentException.class, () -> RegexPatterns.matches("abc\\", false));
        assertThrows(IllegalArgumentException.class, () -> RegexPatterns.matches("\\Qabc", false));
        assertThrows(IllegalArgumentException.class, () -> RegexPatterns.matches("(?x)abc # comment", false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegexPatterns.matches("[a", false));
        assertTrue(e.getMessage().startsWith("Invalid regular expression (2 characters): "), e.getMessage());
        assertFalse(e.getMessage().contains("[a"), "the pattern itself is not echoed: " + e.getMessage());
    }

    static String randomString(Random random, int[] cps, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return sb.toString();
    }
}
