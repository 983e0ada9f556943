package dev.falkor.orm.spring.boot;

import dev.falkor.orm.core.FalkorOrm;

/**
 * Adjusts the {@link FalkorOrm.Builder} the auto-configuration fills from {@link FalkorOrmProperties}
 * before it builds the mapper: listeners, converters, a clock, a {@code MethodHandles.Lookup}, settings
 * for start-up hooks, anything the properties do not cover. Every customizer bean is applied, in
 * {@link org.springframework.core.annotation.Order @Order}, after the properties, so it can override them.
 *
 * <pre>{@code
 * @Bean
 * FalkorOrmBuilderCustomizer auditClock(Clock clock) {
 *     return builder -> builder.clock(clock);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FalkorOrmBuilderCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, already filled from the properties
     */
    void customize(FalkorOrm.Builder builder);
}
