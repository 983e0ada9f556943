/**
 * The Spring Boot example. Spring Boot applications usually run on the class path (so do this module's
 * test and {@code exec:java}), where this descriptor is ignored; it shows what the module path needs.
 */
module dev.falkor.orm.examples.spring {
    requires dev.falkor.orm.spring.boot;

    // Spring creates the application and its beans; the mapper reads and writes the entities' fields
    opens dev.falkor.orm.examples.spring to spring.core, spring.beans, spring.context, dev.falkor.orm.core;
}
