package dev.falkor.orm.core.internal.query;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the regular expressions that {@code Like}, {@code NotLike} and {@code Matches} send to
 * FalkorDB's {@code string.matchRegEx(string, regex)}.
 *
 * <p>What the server does (FalkorDB 4.16, Oniguruma with Perl syntax; checked by the server
 * tests): {@code string.matchRegEx} returns a list with one entry per non-overlapping match
 * (each entry the match and its groups), an empty list when nothing matches and also when the
 * string is {@code null}; a non-string argument is a type error. It searches rather than
 * matching the whole string, so a full match needs anchors: {@code ^} is the start of the
 * string (no multi-line mode), {@code \z} the very end ({@code $} would also match before a
 * final newline). {@code .} does not match a newline unless {@code (?s)}. A backslash before
 * ASCII punctuation makes it literal. A pattern is a parameter value, never Cypher text.
 */
final class RegexPatterns {
    private RegexPatterns() {
    }

    /**
     * The anchored regex for an SQL {@code LIKE} pattern: {@code %} matches any run of characters
     * (newlines too), {@code _} exactly one character (code point), a backslash makes the next
     * character literal ({@code \%}, {@code \_}, {@code \\}; a trailing backslash is literal).
     * Every other character matches itself.
     *
     * <p>The result only uses constructs that survive {@code toLower} unchanged ({@code ^},
     * {@code (?s:}, {@code .}, {@code \z}, backslash-punctuation), so for {@code IgnoreCase} the
     * server may lower-case the whole pattern.
     */
    static String like(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length() + 16).append("^(?s:");
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\\' && i < pattern.length()) {
                cp = pattern.codePointAt(i);
                i += Character.charCount(cp);
                literal(sb, cp);
            } else if (cp == '%') {
                sb.append(".*");
            } else if (cp == '_') {
                sb.append('.');
            } else {
                literal(sb, cp);
            }
        }
        return sb.append(")\\z").toString();
    }

    /**
     * The anchored regex for {@code Matches}: the whole value must match {@code javaRegex}
     * ({@code \A(?:regex)\z}, or {@code \A(?i:regex)\z} for IgnoreCase). The regex is checked
     * with {@link Pattern}; Java and Oniguruma agree on the common syntax (classes, groups,
     * quantifiers, inline flags) but not on every feature. On the server {@code \d \w \s} and
     * case folding are Unicode-aware, as in Java with {@link Pattern#UNICODE_CHARACTER_CLASS}
     * (FalkorDB has no ASCII-only option).
     *
     * @throws IllegalArgumentException if Java cannot compile the regex, or it does not stay
     *         inside the group (e.g. an unterminated {@code \Q} or a {@code (?x)} comment)
     */
    static String matches(String javaRegex, boolean ignoreCase) {
        String anchored = "\\A(?" + (ignoreCase ? "i" : "") + ":" + javaRegex + ")\\z";
        try {
            Pattern.compile(javaRegex);
            Pattern.compile(anchored);
        } catch (PatternSyntaxException e) {
            // the pattern is a user value: describe the problem and where, never echo the text
            throw new IllegalArgumentException("Invalid regular expression (" + javaRegex.length() + " characters): "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""), null);
        }
        return anchored;
    }

    /** Appends one code point so that it matches itself: ASCII punctuation and space are escaped. */
    private static void literal(StringBuilder sb, int cp) {
        if (cp < 0x80 && !Character.isLetterOrDigit(cp) && cp > 0x20 && cp != 0x7f || cp == ' ') {
            sb.append('\\');
        }
        sb.appendCodePoint(cp);
    }
}
