/**
 * Spring Boot 4 auto-configuration for Falkor ORM: a {@code FalkorOrm} bean from {@code falkor.orm.*}
 * properties, repository interfaces as beans, an embedded development server, a health indicator and
 * translation of the mapper's exceptions into Spring's {@code DataAccessException} hierarchy.
 * See {@link dev.falkor.orm.spring.boot.FalkorOrmAutoConfiguration}.
 *
 * <p>The Spring jars are automatic modules; most Spring applications, and this module's own tests,
 * run on the class path, where this descriptor is ignored.
 */
module dev.falkor.orm.spring.boot {
    requires transitive dev.falkor.orm.core;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.context;
    requires transitive spring.core;
    requires transitive spring.beans;
    requires transitive spring.tx;
    requires java.desktop; // java.beans.Introspector for bean names
    requires static spring.boot.health;
    requires static dev.falkor.orm.embedded;
    requires static dev.falkor.orm.micrometer;

    exports dev.falkor.orm.spring.boot;

    // Spring instantiates the configuration classes, registrars and factory beans reflectively
    opens dev.falkor.orm.spring.boot to spring.core, spring.beans, spring.context;
    opens dev.falkor.orm.spring.boot.internal to spring.core, spring.beans, spring.context;
}
