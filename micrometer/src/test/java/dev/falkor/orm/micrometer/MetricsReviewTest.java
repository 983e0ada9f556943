package dev.falkor.orm.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.testkit.GraphTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

/**
 * Review finding, fixed: FalkorMetrics keeps its gauges per graph name, and Micrometer hands back the existing meter
 * for an id already registered, so a second mapper on the same graph shares (and on close removes)
 * the first mapper's gauges.
 */
class MetricsReviewTest extends GraphTest {

    /** Not mappable: no @Id. The build fails in register(..), before mapperStarted, and then calls close(). */
    @Node("MRNoId")
    public static class NoId {
        String name;
    }

    private FalkorOrm.Builder mapper(FalkorMetrics metrics) {
        return FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup()).cache("none")
                .observer(metrics);
    }

    private Gauge poolMax(SimpleMeterRegistry meters) {
        return meters.find(FalkorMetrics.POOL + ".max").tag("graph", graph).gauge();
    }

    @Test
    @SuppressWarnings("try") // the live mapper is held open for the block, never read
    void aFailedBuildOnTheSameGraphLeavesTheLiveMappersGauges() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FalkorMetrics metrics = FalkorMetrics.of(meters); // "one instance may serve several mappers"
        try (FalkorOrm live = mapper(metrics).build()) {
            assertNotNull(poolMax(meters), "the live mapper's pool gauge");
            assertThrows(MappingException.class, () -> mapper(metrics).entities(NoId.class).build());
            Gauge max = poolMax(meters);
            assertNotNull(max, "the live mapper is still open: its pool gauge stays");
            assertEquals(transport.poolStatistics().orElseThrow().max(), max.value());
        }
    }

    @Test
    @SuppressWarnings("try") // the first mapper is held open for the block, never read
    void closingASecondMapperOnTheSameGraphLeavesTheFirstMappersGauges() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FalkorMetrics metrics = FalkorMetrics.of(meters);
        try (FalkorOrm first = mapper(metrics).build()) {
            FalkorOrm second = mapper(metrics).build();
            assertNotNull(poolMax(meters));
            second.close();
            assertNotNull(poolMax(meters), "the first mapper is still open: its pool gauge stays");
        }
    }
}
