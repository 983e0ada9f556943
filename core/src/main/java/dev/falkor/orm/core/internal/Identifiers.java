package dev.falkor.orm.core.internal;

import java.util.regex.Pattern;

/**
 * Labels, relationship types and property names go into Cypher text, so they are validated
 * against a strict pattern and always back-quoted. Values never go into Cypher text.
 */
public final class Identifiers {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Identifiers() {
    }

    public static boolean isValid(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /** The back-quoted identifier; callers validate first (see {@link #isValid}). */
    public static String quote(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("Not a valid identifier: '" + name + "'");
        }
        return "`" + name + "`";
    }

    /** Back-quotes a property key that may contain dots (flattened map entries) but no back-quote. */
    public static String quoteKey(String key) {
        if (key == null || key.isEmpty() || key.indexOf('`') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not a valid property key: '" + key + "'");
        }
        return "`" + key + "`";
    }
}
