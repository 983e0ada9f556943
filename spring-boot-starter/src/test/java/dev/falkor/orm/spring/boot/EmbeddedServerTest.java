package dev.falkor.orm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.wire.WireTransport;
import dev.falkor.orm.spring.boot.model.People;
import dev.falkor.orm.spring.boot.model.Person;
import dev.falkor.orm.testkit.SharedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code falkor.orm.embedded.enabled=true}: a server of the context's own, stopped with it. */
class EmbeddedServerTest {

    @EnableFalkorRepositories(basePackageClasses = Person.class)
    @Configuration(proxyBeanMethods = false)
    static class Repositories {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FalkorOrmAutoConfiguration.class))
            .withPropertyValues("falkor.orm.graph=embedded", "falkor.orm.transport=jedis",
                    "falkor.orm.url=redis://127.0.0.1:1"); // ignored when the embedded server is on

    @Test
    void startsItsOwnServerConnectsToItAndStopsItWithTheContext() {
        EmbeddedFalkorDB[] server = new EmbeddedFalkorDB[1];
        runner.withUserConfiguration(Repositories.class).withPropertyValues("falkor.orm.embedded.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            server[0] = context.getBean(EmbeddedFalkorDB.class);
            assertTrue(server[0].isRunning());
            FalkorOrm orm = context.getBean(FalkorOrm.class);
            TransportConfig config = ((WireTransport) orm.transport()).config();
            assertEquals(server[0].port(), config.port());
            assertNotEquals(TransportConfig.fromUrl(SharedServer.url()).port(), config.port());

            context.getBean(People.class).save(new Person("e1", "Eve", "eve@example.org"));
            try (FalkorOrm direct = FalkorOrm.builder().url(server[0].url()).transportProvider("jedis")
                    .graph("embedded").build()) {
                Object name = direct.transport().execute(GraphQuery.read("embedded",
                        "MATCH (p:Person {id: $id}) RETURN p.name", Map.of("id", "e1"))).scalar().asJava();
                assertEquals("Eve", name);
            }
        });
        assertFalse(server[0].isRunning());
    }

    @Test
    void isOffByDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(EmbeddedFalkorDB.class);
            assertEquals(1, context.getBean(TransportConfig.class).port());
        });
    }
}
