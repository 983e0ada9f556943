package dev.falkor.orm.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.falkor.orm.junit.FalkorDBTest;
import dev.falkor.orm.junit.TestGraph;
import java.util.function.Consumer;
import java.util.stream.Stream;
import dev.falkor.orm.testkit.SharedServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example program runs to its end against the test run's server (through
 * {@link FalkorDBTest}, as a user's test would), so command 2 catches an example the library
 * broke; command 1 runs them on an embedded server of their own. The examples check their own
 * results ({@code orElseThrow}, counts) and throw if the mapper misbehaves. The scale-out example,
 * which starts replicas and a cluster of its own, is left to command 1 and the topology tests.
 * Skipped against a server named by {@code FALKORDB_URL}: the examples use graph names of their own.
 */
@FalkorDBTest
class ExamplesRunTest {

    @TestFactory
    Stream<DynamicTest> everyExampleRunsToItsEnd(TestGraph server) {
        // the examples use fixed graph names (and delete them): never on a server of the user's own
        Assumptions.assumeFalse(SharedServer.isExternal(),
                "FALKORDB_URL names a server of your own: the examples' fixed graph names could be yours");
        return Stream.<Object[]>of(
                new Object[] {"HelloFalkor", (Consumer<String>) HelloFalkor::run},
                new Object[] {"QuickStart", (Consumer<String>) QuickStart::run},
                new Object[] {"QueryExample", (Consumer<String>) QueryExample::run},
                new Object[] {"RelationshipsExample", (Consumer<String>) RelationshipsExample::run},
                new Object[] {"SafetyExample", (Consumer<String>) SafetyExample::run},
                new Object[] {"SessionExample", (Consumer<String>) SessionExample::run},
                new Object[] {"BulkExample", (Consumer<String>) BulkExample::run},
                new Object[] {"AsyncExample", (Consumer<String>) AsyncExample::run},
                new Object[] {"CacheExample", (Consumer<String>) CacheExample::run},
                new Object[] {"SearchExample", (Consumer<String>) SearchExample::run},
                new Object[] {"MigrationsExample", (Consumer<String>) MigrationsExample::run},
                new Object[] {"MetricsExample", (Consumer<String>) MetricsExample::run})
                .map(e -> {
                    @SuppressWarnings("unchecked")
                    Consumer<String> run = (Consumer<String>) e[1];
                    return DynamicTest.dynamicTest((String) e[0], () -> assertDoesNotThrow(() -> run.accept(server.url())));
                });
    }
}
