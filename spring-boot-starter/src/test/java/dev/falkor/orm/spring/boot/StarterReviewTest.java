package dev.falkor.orm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.ForwardingTransport;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.observe.OrmObserver;
import dev.falkor.orm.spi.observe.StatementEvent;
import dev.falkor.orm.spi.observe.StatementObservation;
import dev.falkor.orm.spring.boot.model.AsyncPeople;
import dev.falkor.orm.spring.boot.model.Person;
import dev.falkor.orm.testkit.SharedServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Review of the starter: customizer ordering with the metrics auto-configuration, and the async proxy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarterReviewTest {
    private final Graphs graphs = new Graphs(getClass());

    @EnableFalkorRepositories(basePackageClasses = Person.class)
    @Configuration(proxyBeanMethods = false)
    static class ModelRepositories {
    }

    @AfterAll
    void deleteGraphs() {
        graphs.deleteAll();
    }

    private ApplicationContextRunner runner(String graph) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FalkorOrmAutoConfiguration.class,
                        FalkorOrmMetricsAutoConfiguration.class))
                .withPropertyValues("falkor.orm.url=" + SharedServer.url(), "falkor.orm.graph=" + graph,
                        "falkor.orm.transport=jedis");
    }

    private static OrmObserver counting(AtomicInteger statements) {
        return new OrmObserver() {
            @Override
            public StatementObservation statementStarted(StatementEvent statement) {
                statements.incrementAndGet();
                return new StatementObservation() {
                    @Override
                    public void succeeded(int rows) {
                    }

                    @Override
                    public void failed(Throwable error) {
                    }
                };
            }
        };
    }

    /**
     * README / FalkorOrmBuilderCustomizer: the application's customizers run after the properties "and may
     * override them". The metrics auto-configuration's customizer is an unordered bean registered after the
     * application's, so it runs last and its builder.observer(..) silently replaces the application's
     * observer as soon as a MeterRegistry is in the context (actuator).
     */
    @Test
    void anObserverSetByTheApplicationsCustomizerIsNotReplacedByTheMetricsCustomizer() {
        AtomicInteger heard = new AtomicInteger();
        FalkorOrmBuilderCustomizer mine = builder -> builder.observer(counting(heard));
        runner(graphs.next())
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("applicationObserver", FalkorOrmBuilderCustomizer.class, () -> mine)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FalkorOrm orm = context.getBean(FalkorOrm.class);
                    heard.set(0);
                    orm.query("CREATE (:ReviewProbe)").write().execute();
                    assertEquals(1L, ((Number) orm.transport().execute(GraphQuery.read(orm.graph(),
                            "MATCH (p:ReviewProbe) RETURN count(p)", Map.of())).scalar().asJava()).longValue());
                    assertTrue(heard.get() >= 1, "the application's observer heard the statement");
                });
    }

    /**
     * README "Asynchronous calls": "cancelling the future, or orTimeout, stops the statements not yet sent".
     * The repository bean's proxy returns a future of its own that forwards cancel() to the mapper's future
     * but not completion by someone else (orTimeout, completeExceptionally): the mapper goes on sending the
     * later batches of a saveAll whose caller has already timed out.
     */
    @Test
    void orTimeoutOnARepositoryBeansFutureStopsTheStatementsNotYetSent() throws Exception {
        String graph = graphs.next();
        AtomicInteger writes = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        LinkedBlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Integer> handled = new LinkedBlockingQueue<>();
        Transport real = FalkorOrm.openTransport("jedis", SharedServer.config());
        Transport gated = new ForwardingTransport(real) {
            @Override
            public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                if (!armed.get() || query.readOnly()) {
                    return super.executeAsync(query);
                }
                int n = writes.incrementAndGet();
                CompletableFuture<QueryResult> mine = new CompletableFuture<>();
                super.executeAsync(query).whenComplete((r, e) -> held.add(() -> {
                    if (e != null) {
                        mine.completeExceptionally(e);
                    } else {
                        mine.complete(r); // runs the mapper's continuation: it sends the next batch or not
                    }
                    handled.add(n);
                }));
                return mine;
            }
        };
        try {
            runner(graph).withPropertyValues("falkor.orm.batch-size=1")
                    .withUserConfiguration(ModelRepositories.class)
                    .withBean(Transport.class, () -> gated, d -> d.setDestroyMethodName(""))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        AsyncPeople people = context.getBean(AsyncPeople.class);
                        people.save(new Person("warm", "W", "warm@example.org")).get(30, TimeUnit.SECONDS);
                        armed.set(true);
                        CompletableFuture<List<Person>> call = people.saveAll(List.of(
                                new Person("a", "A", "a@example.org"), new Person("b", "B", "b@example.org"),
                                new Person("c", "C", "c@example.org")));
                        call.orTimeout(1, TimeUnit.MILLISECONDS);
                        ExecutionException timedOut = assertThrows(ExecutionException.class,
                                () -> call.get(30, TimeUnit.SECONDS));
                        assertInstanceOf(TimeoutException.class, timedOut.getCause());
                        // the first batch's reply arrives after the caller gave up
                        held.poll(30, TimeUnit.SECONDS).run();
                        assertEquals(1, handled.poll(30, TimeUnit.SECONDS));
                        assertEquals(1, writes.get(), "no batch is sent after the caller's orTimeout");
                        assertEquals(1L, ((Number) real.execute(GraphQuery.read(graph,
                                "MATCH (p:Person) WHERE p.id <> 'warm' RETURN count(p)", Map.of())).scalar().asJava())
                                .longValue(), "read back: the first batch applied, nothing else");
                    });
        } finally {
            for (Runnable r; (r = held.poll()) != null; ) {
                r.run();
            }
            real.close();
        }
    }
}
