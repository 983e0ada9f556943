package dev.falkor.orm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.micrometer.FalkorMetrics;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.testkit.SharedServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With a MeterRegistry in the context, the auto-configured mapper reports its statements to it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsAutoConfigurationTest {
    private final Graphs graphs = new Graphs(getClass());

    private ApplicationContextRunner runner(String graph) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FalkorOrmAutoConfiguration.class,
                        FalkorOrmMetricsAutoConfiguration.class))
                .withPropertyValues("falkor.orm.url=" + SharedServer.url(), "falkor.orm.graph=" + graph,
                        "falkor.orm.transport=jedis");
    }

    @AfterAll
    void deleteGraphs() {
        graphs.deleteAll();
    }

    @Test
    void statementsOfTheMapperAreTimedInTheContextsRegistry() {
        String graph = graphs.next();
        runner(graph).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed();
            FalkorOrm orm = context.getBean(FalkorOrm.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            orm.query("CREATE (:MetricsProbe {n: $n})").param("n", 1).write().execute();
            assertEquals(1L, ((Number) orm.transport().execute(GraphQuery.read(graph,
                    "MATCH (p:MetricsProbe) RETURN count(p)", Map.of())).scalar().asJava()).longValue());
            Timer writes = meters.find(FalkorMetrics.STATEMENTS).tag("graph", graph).tag("kind", "write").timer();
            assertNotNull(writes, "the write was timed");
            assertTrue(writes.count() >= 1);
            assertNotNull(meters.find(FalkorMetrics.POOL + ".max").tag("graph", graph).gauge());
        });
    }

    @Test
    void withoutARegistryOrWhenTurnedOffNothingIsRecorded() {
        String graph = graphs.next();
        runner(graph).run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(FalkorOrm.class).query("RETURN 1").list(Long.class);
        });
        SimpleMeterRegistry outside = new SimpleMeterRegistry();
        runner(graphs.next()).withBean(MeterRegistry.class, () -> outside)
                .withPropertyValues("falkor.orm.metrics.enabled=false").run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(FalkorOrm.class).query("RETURN 1").list(Long.class);
                    assertNull(outside.find(FalkorMetrics.STATEMENTS).timer());
                });
    }
}
