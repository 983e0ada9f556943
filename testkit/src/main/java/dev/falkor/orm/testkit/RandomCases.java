package dev.falkor.orm.testkit;

import java.util.Random;

/**
 * A small property-testing helper: a seeded {@link Random} whose seed appears in every
 * failure message. Re-run one failure with {@code -Dfalkor.seed=<seed>}.
 */
public final class RandomCases {
    private final long seed;
    private final Random random;

    private RandomCases(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public static RandomCases create() {
        String fixed = System.getProperty("falkor.seed");
        return new RandomCases(fixed != null ? Long.parseLong(fixed) : new Random().nextLong());
    }

    public Random random() {
        return random;
    }

    public long seed() {
        return seed;
    }

    /** Message suffix naming the seed. */
    public String describe(String what) {
        return what + " (reproduce with -Dfalkor.seed=" + seed + ")";
    }

    /**
     * A random string mixing the characters that break naive encoders: quotes, back-quotes,
     * backslashes, newlines, control characters, Cypher syntax, non-ASCII letters, emoji.
     * Never contains NUL or unpaired surrogates.
     */
    public String nastyString(int maxLength) {
        int len = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(len);
        String specials = "'\"`\\\n\r\t\b\f{}[]()$;:,./*-=<>|&%#@!?~^ ";
        String[] fragments = {"\\'", "\\\"", "\\\\", "' RETURN 1 //", "\" }) DETACH DELETE n //", "${x}", "\\u0000",
            "\\n", "é", "ß", "中文", "😀", "👩‍👩‍👧", "\u0301", "\u200b", "\u2028", "\uFEFF", "\u007f", "\u0001"};
        while (sb.length() < len) {
            int pick = random.nextInt(10);
            if (pick < 3) {
                sb.append(specials.charAt(random.nextInt(specials.length())));
            } else if (pick < 5) {
                sb.append(fragments[random.nextInt(fragments.length)]);
            } else if (pick < 6) {
                sb.append((char) (1 + random.nextInt(31))); // control characters except NUL
            } else if (pick < 8) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else {
                int cp;
                do {
                    cp = 1 + random.nextInt(0x10FFFF);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** A double with uniformly random bits (finite only): hits subnormals, extremes and ±0. */
    public double anyFiniteDouble() {
        double d;
        do {
            d = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }
}
