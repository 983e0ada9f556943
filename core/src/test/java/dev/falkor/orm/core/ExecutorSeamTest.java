package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.core.model.MemberRepository;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.testkit.GraphTest;
import java.lang.invoke.MethodHandles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every statement the mapper sends passes its one executor: a counting decorator sees exactly
 * as many GRAPH.* commands as the server reports having run (on a server of its own, read from
 * {@code INFO commandstats}).
 */
class ExecutorSeamTest extends GraphTest {
    private static final Pattern CALLS = Pattern.compile("cmdstat_graph\\.(?:query|ro_query|constraint):calls=(\\d+)",
            Pattern.CASE_INSENSITIVE);

    /** Counts what passes; the mapper's schema commands (GRAPH.CONSTRAINT) included. */
    static final class Counting extends Executor.Forwarding {
        final AtomicInteger statements = new AtomicInteger();

        Counting(Executor next) {
            super(next);
        }

        @Override
        public QueryResult execute(GraphQuery query) {
            statements.incrementAndGet();
            return next.execute(query);
        }

        @Override
        public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
            statements.incrementAndGet();
            return next.executeAsync(query);
        }

        @Override
        public Object command(String name, String... arguments) {
            statements.incrementAndGet();
            return next.command(name, arguments);
        }
    }

    private static long serverCalls(Transport t) {
        Matcher m = CALLS.matcher(String.valueOf(t.command("INFO", "commandstats")));
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    @Test
    void aCountingDecoratorSeesEveryStatementTheServerRuns() {
        try (EmbeddedServerUnderTest server = new EmbeddedServerUnderTest();
             Transport t = provider().create(TransportConfig.fromUrl(server.url()))) {
            List<Counting> counters = new ArrayList<>();
            long before = serverCalls(t);
            try (FalkorOrm orm = FalkorOrm.builder().transport(t).graph("seam").lookup(MethodHandles.lookup())
                    .entities(IntegrityTest.Account.class)
                    .decorateExecutor(next -> {
                        Counting c = new Counting(next);
                        counters.add(c);
                        return c;
                    }).build()) {
                MemberRepository members = orm.repository(MemberRepository.class);
                List<Member> many = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    many.add(new Member(i, "m" + i, 20 + i, i % 2 == 0, i * 0.1, i % 3 == 0 ? "Cork" : "Kerry",
                            List.of("t"), LocalDate.of(2020, 1, 1 + i % 28)));
                }
                members.saveAll(many);
                members.save(many.get(0));
                assertTrue(members.findById(3L).isPresent());
                assertEquals(30, members.count());
                assertTrue(members.existsById(4L));
                assertEquals(30, members.findAll(Sort.by("name")).size());
                assertEquals(5, members.findAll(Pageable.of(1, 5)).content().size());
                assertEquals(7, members.findAll(ScrollPosition.initial(), 7, Sort.by("age")).content().size());
                assertEquals(10, members.findByCity("Cork").size());
                assertEquals(15, members.countByActiveFalse());
                assertTrue(members.existsByName("m1"));
                assertEquals(2, members.scoresFrom(48).size());
                assertEquals(10, members.howManyIn("Cork"));
                assertEquals(List.of("Cork", "Kerry"), members.cities());
                assertEquals(3L, orm.query("MATCH (m:Member) WHERE m.years < $a RETURN count(m)").param("a", 23)
                        .one(Long.class).orElseThrow());
                orm.query("MATCH (m:Member {number: 1}) SET m.city = 'Clare'").write().execute();
                assertEquals(10, members.deleteByCity("Cork"));
                members.deleteById(1L);
                members.deleteAll();
                IntegrityTest.AccountRepository accounts = orm.repository(IntegrityTest.AccountRepository.class);
                accounts.save(new IntegrityTest.Account(1, "a@x", "Ann"));
                assertFalse(accounts.findById(2L).isPresent());
            }
            long seen = counters.stream().mapToLong(c -> c.statements.get()).sum();
            assertEquals(1, counters.size(), "one executor per mapper");
            assertTrue(seen > 25, "the scenario sent statements: " + seen);
            assertEquals(serverCalls(t) - before, seen, "every GRAPH command the server ran passed the executor");
        }
    }
}
