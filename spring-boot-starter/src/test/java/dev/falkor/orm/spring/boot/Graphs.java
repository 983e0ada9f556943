package dev.falkor.orm.spring.boot;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import java.util.ArrayList;
import java.util.List;

/** Graph names of one test class on the shared server, deleted by {@link #deleteAll()}. */
final class Graphs {
    private final Class<?> testClass;
    private final List<String> names = new ArrayList<>();

    Graphs(Class<?> testClass) {
        this.testClass = testClass;
    }

    synchronized String next() {
        String name = TestGraphs.uniqueName(testClass);
        names.add(name);
        return name;
    }

    synchronized void deleteAll() {
        try (Transport t = FalkorOrm.openTransport("jedis", SharedServer.config())) {
            for (String name : names) {
                t.deleteGraph(name);
            }
        }
        names.clear();
    }
}
