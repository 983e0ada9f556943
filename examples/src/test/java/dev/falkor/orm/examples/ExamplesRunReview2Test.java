package dev.falkor.orm.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.junit.FalkorDBTest;
import dev.falkor.orm.junit.TestGraph;
import org.junit.jupiter.api.Test;

/**
 * Review 2 of ExamplesRunTest: the examples run on the test run's server, which with
 * FALKORDB_URL is the user's own ("graphs are deleted afterwards", README). MetricsExample
 * deletes its nodes but not its graph: the run leaves a graph "sensors" (with its index) behind.
 */
@FalkorDBTest
class ExamplesRunReview2Test {

    @Test
    void theMetricsExampleLeavesNoGraphBehind(TestGraph server) {
        MetricsExample.run(server.url());
        try (FalkorOrm orm = FalkorOrm.builder().url(server.url()).graph("review2").build()) {
            assertFalse(orm.transport().listGraphs().contains("sensors"), () -> "graphs left: "
                    + orm.transport().listGraphs());
        }
    }
}
