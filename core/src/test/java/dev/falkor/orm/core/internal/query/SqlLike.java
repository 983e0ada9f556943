package dev.falkor.orm.core.internal.query;

/**
 * An independent SQL LIKE matcher (no regular expressions) used to compute expected results:
 * {@code %} any run, {@code _} one code point, backslash escapes the next character, a trailing
 * backslash is literal.
 */
final class SqlLike {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private SqlLike() {
    }

    static boolean matches(String value, String pattern) {
        int[] s = value.codePoints().toArray();
        int[] p = tokens(pattern);
        // dp[i][j]: s[i..] matches p[j..]
        boolean[][] dp = new boolean[s.length + 1][p.length + 1];
        dp[s.length][p.length] = true;
        for (int j = p.length - 1; j >= 0; j--) {
            dp[s.length][j] = p[j] == ANY_RUN && dp[s.length][j + 1];
        }
        for (int i = s.length - 1; i >= 0; i--) {
            for (int j = p.length - 1; j >= 0; j--) {
                if (p[j] == ANY_RUN) {
                    dp[i][j] = dp[i][j + 1] || dp[i + 1][j];
                } else if (p[j] == ANY_ONE || p[j] == s[i]) {
                    dp[i][j] = dp[i + 1][j + 1];
                }
            }
        }
        return dp[0][0];
    }

    private static int[] tokens(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '\\' && i + 1 < cps.length) {
                out[n++] = cps[++i];
            } else if (c == '%') {
                out[n++] = ANY_RUN;
            } else if (c == '_') {
                out[n++] = ANY_ONE;
            } else {
                out[n++] = c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
