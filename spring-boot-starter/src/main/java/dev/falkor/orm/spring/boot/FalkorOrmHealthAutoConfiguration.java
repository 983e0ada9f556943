package dev.falkor.orm.spring.boot;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.wire.WireTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers a {@link FalkorOrmHealthIndicator} for the context's {@link FalkorOrm} when
 * {@code spring-boot-health} is on the class path (it comes with {@code spring-boot-starter-actuator}),
 * unless {@code management.health.falkor.enabled=false} or a bean named
 * {@code falkorOrmHealthIndicator} exists.
 */
@AutoConfiguration(after = FalkorOrmAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(FalkorOrm.class)
@ConditionalOnEnabledHealthIndicator("falkor")
public class FalkorOrmHealthAutoConfiguration {

    /** Called by Spring. */
    public FalkorOrmHealthAutoConfiguration() {
    }

    /**
     * The health indicator.
     *
     * @param orm    the mapper
     * @param config the connection settings, if a bean; the address shown when the transport does not say
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "falkorOrmHealthIndicator")
    public FalkorOrmHealthIndicator falkorOrmHealthIndicator(FalkorOrm orm, ObjectProvider<TransportConfig> config) {
        String server;
        if (orm.transport() instanceof WireTransport wire) {
            server = wire.config().toString();
        } else {
            TransportConfig c = config.getIfAvailable();
            server = c != null ? c.toString() : "unknown";
        }
        return new FalkorOrmHealthIndicator(orm, server);
    }
}
