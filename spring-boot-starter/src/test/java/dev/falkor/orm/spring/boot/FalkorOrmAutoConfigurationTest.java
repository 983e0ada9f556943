package dev.falkor.orm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.core.SchemaMode;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.wire.WireTransport;
import dev.falkor.orm.spring.boot.model.People;
import dev.falkor.orm.testkit.SharedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration against the shared server, with {@link ApplicationContextRunner}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FalkorOrmAutoConfigurationTest {
    private final Graphs graphs = new Graphs(getClass());

    private ApplicationContextRunner runner(String graph, String transport) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FalkorOrmAutoConfiguration.class,
                        FalkorOrmHealthAutoConfiguration.class))
                .withPropertyValues("falkor.orm.url=" + SharedServer.url(), "falkor.orm.graph=" + graph,
                        "falkor.orm.transport=" + transport);
    }

    @AfterAll
    void deleteGraphs() {
        graphs.deleteAll();
    }

    private static long scalar(FalkorOrm orm, String cypher) {
        QueryResult r = orm.transport().execute(GraphQuery.read(orm.graph(), cypher, Map.of()));
        return ((Number) r.scalar().asJava()).longValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void propertiesAreMappedOntoTheTransportAndTheMapper(String transport) {
        String graph = graphs.next();
        runner(graph, transport)
                .withPropertyValues("falkor.orm.pool-size=3", "falkor.orm.connections=2",
                        "falkor.orm.connect-timeout=1500ms", "falkor.orm.socket-timeout=7s",
                        "falkor.orm.query-timeout=4s", "falkor.orm.query-timeout-grace=250ms",
                        "falkor.orm.pool-wait-timeout=3s", "falkor.orm.schema-mode=create",
                        "falkor.orm.entity-packages=dev.falkor.orm.spring.boot.model")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FalkorOrm orm = context.getBean(FalkorOrm.class);
                    assertEquals(graph, orm.graph());
                    assertEquals(transport, orm.transport().providerName());
                    TransportConfig config = ((WireTransport) orm.transport()).config();
                    TransportConfig expected = TransportConfig.fromUrl(SharedServer.url());
                    assertEquals(expected.host(), config.host());
                    assertEquals(expected.port(), config.port());
                    assertEquals(3, config.poolSize());
                    assertEquals(2, config.connections());
                    assertEquals(Duration.ofMillis(1500), config.connectTimeout());
                    assertEquals(Duration.ofSeconds(7), config.socketTimeout());
                    assertEquals(Duration.ofSeconds(4), config.defaultQueryTimeout());
                    assertEquals(Duration.ofMillis(250), config.queryTimeoutGrace());
                    assertEquals(Duration.ofSeconds(3), config.poolWaitTimeout());
                    // schema CREATE with the scanned @Node Person: its @Unique email is a constraint on the server
                    assertEquals(1, scalar(orm, "CALL db.constraints() YIELD type, label, properties "
                            + "WHERE type = 'UNIQUE' AND label = 'Person' AND properties = ['email'] RETURN count(*)"));
                });
    }

    @Test
    void schemaModeNoneLeavesTheGraphAlone() {
        String graph = graphs.next();
        runner(graph, "jedis")
                .withPropertyValues("falkor.orm.schema-mode=none",
                        "falkor.orm.entity-packages=dev.falkor.orm.spring.boot.model")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FalkorOrm orm = context.getBean(FalkorOrm.class);
                    orm.transport().execute(GraphQuery.write(graph, "RETURN 1"));
                    assertEquals(0, scalar(orm, "CALL db.constraints() YIELD label RETURN count(*)"));
                });
    }

    @Test
    void schemaModeValidateFailsTheContextOnAnEmptyGraph() {
        String graph = graphs.next();
        runner(graph, "jedis")
                .withPropertyValues("falkor.orm.schema-mode=validate",
                        "falkor.orm.entity-packages=dev.falkor.orm.spring.boot.model")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseInstanceOf(dev.falkor.orm.api.ConfigurationException.class));
    }

    @Test
    void aMissingGraphNameFailsNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FalkorOrmAutoConfiguration.class))
                .withPropertyValues("falkor.orm.url=" + SharedServer.url(), "falkor.orm.transport=jedis")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("falkor.orm.graph"));
    }

    @Test
    void closingTheContextClosesTheMapperAndItsTransport() {
        String graph = graphs.next();
        FalkorOrm[] seen = new FalkorOrm[1];
        runner(graph, "jedis").run(context -> {
            seen[0] = context.getBean(FalkorOrm.class);
            assertFalse(seen[0].transport().listGraphs() == null);
        });
        assertThrows(RuntimeException.class, () -> seen[0].transport().listGraphs());
    }

    @Test
    void aUserFalkorOrmBeanReplacesTheAutoConfiguredOne() {
        String graph = graphs.next();
        runner("not-this-one", "jedis").withUserConfiguration(UserMapper.class)
                .withPropertyValues("user.graph=" + graph)
                .run(context -> {
                    assertThat(context).hasSingleBean(FalkorOrm.class);
                    FalkorOrm orm = context.getBean(FalkorOrm.class);
                    assertEquals(graph, orm.graph());
                    assertThat(context.getBean(FalkorOrmHealthIndicator.class).health().getDetails())
                            .containsEntry("graph", graph);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMapper {
        @Bean
        FalkorOrm userOrm(org.springframework.core.env.Environment env) {
            return FalkorOrm.builder().url(SharedServer.url()).transportProvider("jedis")
                    .graph(env.getRequiredProperty("user.graph")).build();
        }
    }

    @Test
    void aUserTransportConfigBeanReplacesTheConnectionProperties() {
        runner(graphs.next(), "jedis").withUserConfiguration(UserTransportConfig.class)
                .withPropertyValues("falkor.orm.pool-size=9", "falkor.orm.url=redis://127.0.0.1:1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FalkorOrm orm = context.getBean(FalkorOrm.class);
                    TransportConfig config = ((WireTransport) orm.transport()).config();
                    assertEquals(5, config.poolSize());
                    assertEquals(TransportConfig.fromUrl(SharedServer.url()).port(), config.port());
                    assertThat(orm.transport().listGraphs()).isNotNull();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTransportConfig {
        @Bean
        TransportConfig userTransportConfig() {
            return TransportConfig.fromUrl(SharedServer.url()).toBuilder().poolSize(5).build();
        }
    }

    @Test
    void aUserTransportBeanIsUsedAndNotClosedByTheMapper() {
        String graph = graphs.next();
        Transport shared = FalkorOrm.openTransport("lettuce", SharedServer.config());
        UserTransport.shared = shared;
        try {
            runner(graph, "jedis").withUserConfiguration(UserTransport.class).run(context -> {
                assertThat(context).hasNotFailed();
                assertEquals("lettuce", context.getBean(FalkorOrm.class).transport().providerName());
            });
            assertThat(shared.listGraphs()).isNotNull(); // closing the context (and the mapper) left it open
        } finally {
            shared.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTransport {
        static Transport shared;

        @Bean(destroyMethod = "") // the application closes it; without this Spring would close it itself
        Transport sharedTransport() {
            return shared;
        }
    }

    @Test
    void customizersAreAppliedInOrderAfterTheProperties() {
        runner(graphs.next(), "jedis")
                .withPropertyValues("falkor.orm.schema-mode=validate",
                        "falkor.orm.entity-packages=dev.falkor.orm.spring.boot.model")
                .withBean("first", FalkorOrmBuilderCustomizer.class,
                        () -> b -> b.setting("example.setting", "first").schemaMode(SchemaMode.NONE))
                .withBean("second", FalkorOrmBuilderCustomizer.class, () -> b -> b.setting("example.other", "second"))
                .run(context -> {
                    // schema-mode=validate would fail on the empty graph: the customizer's NONE won
                    assertThat(context).hasNotFailed();
                    FalkorOrm orm = context.getBean(FalkorOrm.class);
                    assertEquals("first", orm.setting("example.setting").orElseThrow());
                    assertEquals("second", orm.setting("example.other").orElseThrow());
                });
    }

    @Test
    void healthIsUpWithGraphAndServerButNoPassword() {
        String graph = graphs.next();
        runner(graph, "jedis").run(context -> {
            assertThat(context).hasSingleBean(FalkorOrmHealthIndicator.class);
            FalkorOrm orm = context.getBean(FalkorOrm.class);
            Health health = context.getBean("falkorOrmHealthIndicator", FalkorOrmHealthIndicator.class).health();
            assertEquals(Status.UP, health.getStatus());
            assertEquals(graph, health.getDetails().get("graph"));
            assertEquals("jedis", health.getDetails().get("transport"));
            assertEquals(false, health.getDetails().get("graphExists"));
            TransportConfig expected = TransportConfig.fromUrl(SharedServer.url());
            assertThat((String) health.getDetails().get("server")).contains(expected.host() + ":" + expected.port());
            orm.transport().execute(GraphQuery.write(graph, "CREATE (:Probe)"));
            assertEquals(true, context.getBean(FalkorOrmHealthIndicator.class).health().getDetails().get("graphExists"));
        });
    }

    @Test
    void healthNeverShowsThePassword() {
        FalkorOrm orm = FalkorOrm.builder().transportProvider("jedis")
                .url("redis://someone:s3cret-pw@127.0.0.1:" + closedPort()).graph("g").build();
        try {
            Health health = new FalkorOrmHealthIndicator(orm, ((WireTransport) orm.transport()).config().toString())
                    .health();
            assertEquals(Status.DOWN, health.getStatus());
            assertThat(health.toString()).doesNotContain("s3cret-pw");
            assertThat(health.getDetails().toString()).contains("someone@127.0.0.1");
        } finally {
            orm.close();
        }
    }

    @Test
    void healthIsDownWithTheErrorWhenTheServerIsUnreachable() {
        int port = closedPort();
        runner(graphs.next(), "jedis").withPropertyValues("falkor.orm.url=redis://127.0.0.1:" + port,
                "falkor.orm.connect-timeout=500ms").run(context -> {
                    assertThat(context).hasNotFailed();
                    Health health = context.getBean(FalkorOrmHealthIndicator.class).health();
                    assertEquals(Status.DOWN, health.getStatus());
                    assertThat((String) health.getDetails().get("error"))
                            .startsWith(dev.falkor.orm.api.ConnectionException.class.getName());
                    assertThat((String) health.getDetails().get("server")).contains("127.0.0.1:" + port);
                });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        runner(graphs.next(), "jedis").withPropertyValues("management.health.falkor.enabled=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(FalkorOrm.class);
                    assertThat(context).doesNotHaveBean(FalkorOrmHealthIndicator.class);
                });
    }

    @Test
    void withoutApplicationPackagesOrTheAnnotationNoRepositoryIsRegistered() {
        runner(graphs.next(), "jedis").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(People.class);
            assertThat(context).hasSingleBean(FalkorExceptionTranslator.class);
        });
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theUrlPropertyIsUsed() {
        int port = closedPort();
        runner(graphs.next(), "jedis").withPropertyValues("falkor.orm.url=redis://u:p@127.0.0.1:" + port)
                .run(context -> {
                    TransportConfig config = context.getBean(TransportConfig.class);
                    assertEquals("127.0.0.1", config.host());
                    assertEquals(port, config.port());
                    assertEquals("u", config.username());
                    assertEquals("p", config.password());
                });
        runner(graphs.next(), "jedis").withPropertyValues("falkor.orm.username=other", "falkor.orm.password=pw2")
                .run(context -> {
                    TransportConfig config = context.getBean(TransportConfig.class);
                    assertEquals("other", config.username());
                    assertEquals("pw2", config.password());
                });
    }
}
