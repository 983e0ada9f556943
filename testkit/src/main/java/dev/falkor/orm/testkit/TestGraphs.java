package dev.falkor.orm.testkit;

import java.util.concurrent.ThreadLocalRandom;

/** Graph names unique to a test class, so classes can run in parallel on one server. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /** {@code <SimpleName>_<random hex>}. */
    public static String uniqueName(Class<?> testClass) {
        return testClass.getSimpleName() + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    }
}
