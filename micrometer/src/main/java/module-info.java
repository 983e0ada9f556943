/**
 * Micrometer for Falkor ORM: {@link dev.falkor.orm.micrometer.FalkorMetrics} is an
 * {@code OrmObserver} giving the mapper's builder timers, counters and gauges in a
 * {@code MeterRegistry} and, with an {@code ObservationRegistry}, Observations for tracing.
 */
module dev.falkor.orm.micrometer {
    requires transitive dev.falkor.orm.spi;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;

    exports dev.falkor.orm.micrometer;
}
