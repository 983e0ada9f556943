/** Runnable examples; run on the module path by {@code mvn -Pexamples -DskipTests verify}. */
module dev.falkor.orm.examples {
    requires dev.falkor.orm.core;
    requires dev.falkor.orm.embedded;
    // Providers are found by ServiceLoader; these keep them in the module graph.
    requires dev.falkor.orm.transport.jedis;
    requires dev.falkor.orm.transport.lettuce;
    requires dev.falkor.orm.converters;
    requires dev.falkor.orm.batch.unwind;
    requires dev.falkor.orm.cache.caffeine;
    requires dev.falkor.orm.migrations;
    requires dev.falkor.orm.micrometer;
    // the example's migration scripts (db/migration) are read by the migrations module
    opens db.migration;

    // HelloFalkor looks the transport up itself
    uses dev.falkor.orm.spi.TransportProvider;
}
