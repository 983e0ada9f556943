package dev.falkor.orm.spring.boot;

import dev.falkor.orm.micrometer.FalkorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import dev.falkor.orm.core.FalkorOrm;

/**
 * Micrometer for the auto-configured mapper: when {@code falkor-orm-micrometer} is on the class
 * path and the context has a {@link MeterRegistry} (Spring Boot's actuator makes one), the mapper
 * gets a {@link FalkorMetrics} observer. With an {@link ObservationRegistry} in the context too,
 * statements and repository calls are Observations (for tracing; their timers then come from the
 * registry's meter handler, named {@value FalkorMetrics#STATEMENT_OBSERVATION} and
 * {@value FalkorMetrics#INVOCATION_OBSERVATION}). {@code falkor.orm.metrics.enabled=false} turns it off.
 * Its customizer runs before the application's: an observer an application customizer sets replaces it.
 */
@AutoConfiguration(before = FalkorOrmAutoConfiguration.class)
@ConditionalOnClass({FalkorMetrics.class, MeterRegistry.class})
@ConditionalOnProperty(prefix = "falkor.orm.metrics", name = "enabled", matchIfMissing = true)
public class FalkorOrmMetricsAutoConfiguration {

    /** Called by Spring. */
    public FalkorOrmMetricsAutoConfiguration() {
    }

    /**
     * The customizer giving the mapper its observer; the registries are looked up when the mapper
     * is built, so a registry defined by any configuration is found.
     *
     * @param meters the meter registry, if the context has one
     * @param observations the observation registry, if the context has one
     * @return the customizer (it does nothing without a meter registry)
     */
    @Bean
    public FalkorOrmBuilderCustomizer falkorOrmMetricsCustomizer(ObjectProvider<MeterRegistry> meters,
                                                                 ObjectProvider<ObservationRegistry> observations) {
        return new MetricsCustomizer(meters, observations);
    }

    /** Runs before the application's customizers, so an observer one of them sets wins. */
    private static final class MetricsCustomizer implements FalkorOrmBuilderCustomizer, Ordered {
        private final ObjectProvider<MeterRegistry> meters;
        private final ObjectProvider<ObservationRegistry> observations;

        MetricsCustomizer(ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
            this.meters = meters;
            this.observations = observations;
        }

        @Override
        public void customize(FalkorOrm.Builder builder) {
            MeterRegistry registry = meters.getIfUnique();
            if (registry == null) {
                return;
            }
            FalkorMetrics.Builder metrics = FalkorMetrics.builder().meterRegistry(registry);
            ObservationRegistry o = observations.getIfUnique();
            if (o != null) {
                metrics.observationRegistry(o);
            }
            builder.observer(metrics.build());
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
