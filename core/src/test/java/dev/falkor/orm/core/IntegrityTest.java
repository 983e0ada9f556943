package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.InvalidParameterException;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Slice;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Unique;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.core.model.MemberRepository;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.testkit.SharedServer;
import java.lang.invoke.MethodHandles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for data integrity, on the real server, with a second independent client
 * (its own transport) dropping, re-creating and reading the same graph.
 */
class IntegrityTest extends GraphTestSupport {
    private Transport other;
    private MemberRepository members;

    @Node("Account")
    static class Account {
        @Id Long id;
        @Unique String email;
        String name;
        Map<String, Double> rates;
        long counter;

        Account() {
        }

        Account(long id, String email, String name) {
            this.id = id;
            this.email = email;
            this.name = name;
        }
    }

    interface AccountRepository extends Repository<Account, Long> {
        long countByCounterGreaterThan(long value);

        List<Account> findByCounterLessThanEqual(long value);

        List<Account> findByCounterBetween(long from, long to);

        List<Account> findByOrderByCounterAsc();

        Window<Account> findFirst50ByNameStartingWith(String prefix, ScrollPosition position, Sort sort);
    }

    @BeforeEach
    void open() {
        other = provider().create(SharedServer.config());
        members = orm.repository(MemberRepository.class);
        cypher("MATCH (n) DELETE n", Map.of());
    }

    @AfterEach
    void closeOther() {
        other.close();
    }

    private static Member member(long number, String name, int age) {
        return new Member(number, name, age, true, 0.1 + 0.2, "Cork", List.of("t"), LocalDate.of(2020, 1, 2));
    }

    /** Drops the graph with the second client and re-creates it with property keys in another order. */
    private void recreateByOtherClient() {
        other.deleteGraph(graph);
        other.execute(GraphQuery.write(graph, "CREATE (:Other {zzz: 1, tags: ['x'], city: 'nowhere', years: 99})"));
        other.execute(GraphQuery.write(graph, "CREATE (:Member {city: 'Galway', name: 'Bea', number: 7, years: 30,"
                + " active: false, score: 2.5, tags: ['a'], joined: '2021-03-04'})"));
    }

    @Test
    void readsStayCorrectWhenAnotherClientRecreatesTheGraph() {
        members.save(member(1, "Ann", 40));
        // fill the name caches: a mapper read and a user query returning nodes
        assertEquals("Ann", members.findById(1L).orElseThrow().getName());
        assertEquals(1, orm.query("MATCH (m:Member) RETURN m").list(Member.class).size());

        recreateByOtherClient();

        Member bea = members.findById(7L).orElseThrow();
        assertEquals("Bea", bea.getName());
        assertEquals(30, bea.getAge());
        assertEquals("Galway", bea.getCity());
        List<Member> viaQuery = orm.query("MATCH (m:Member) RETURN m").list(Member.class);
        assertEquals(1, viaQuery.size());
        assertEquals(7L, viaQuery.get(0).getNumber(), "a user query's nodes are decoded with current names");
        assertEquals("Galway", viaQuery.get(0).getCity());
        assertEquals(List.of("a"), viaQuery.get(0).getTags());
        // raw node values through the mapper's transport, too
        NodeValue raw = (NodeValue) transport.execute(GraphQuery.read(graph, "MATCH (m:Member) RETURN m", Map.of()))
                .scalar();
        assertEquals(new StringValue("Bea"), raw.property("name"));
        assertEquals(List.of("Member"), raw.labels());
    }

    @Test
    void readsStayCorrectAfterAServerRestart() {
        try (EmbeddedServerUnderTest server = new EmbeddedServerUnderTest();
             FalkorOrm own = FalkorOrm.builder().url(server.url()).graph("restart").lookup(MethodHandles.lookup())
                     .retryPolicy(RetryPolicy.attempts(3, java.time.Duration.ZERO)).build()) {
            AccountRepository accounts = own.repository(AccountRepository.class);
            accounts.save(new Account(1, "a@x", "Ann"));
            assertEquals("Ann", own.query("MATCH (a:Account) RETURN a").one(Account.class).orElseThrow().name);

            server.restart();
            try (Transport second = provider().create(dev.falkor.orm.spi.TransportConfig.fromUrl(server.url()))) {
                second.execute(GraphQuery.write("restart", "CREATE (:Account {name: 'Bo', zz: 1, email: 'b@x', id: 2})"));
            }
            Account bo = accounts.findById(2L).orElseThrow();
            assertEquals("Bo", bo.name);
            assertEquals("b@x", bo.email);
            assertEquals("Bo", own.query("MATCH (a:Account) RETURN a").one(Account.class).orElseThrow().name);
            // the unique constraint came back with the next write
            accounts.save(new Account(3, "c@x", "Cy"));
            assertThrows(ConstraintViolationException.class, () -> accounts.save(new Account(4, "c@x", "Dup")));
        }
    }

    @Test
    void saveKeepsPropertiesItDoesNotMapAndRemovesNulledOnes() {
        members.save(member(1, "Ann", 40));
        other.execute(GraphQuery.write(graph, "MATCH (m:Member {number: 1}) SET m.extra = 'theirs', m.level = 3"));
        Member changed = new Member(1, "Ann B", null, true, 1.5, null, List.of(), LocalDate.of(2020, 1, 2));
        members.save(changed);
        members.saveAll(List.of(changed));

        NodeValue n = (NodeValue) other.execute(GraphQuery.read(graph, "MATCH (m:Member {number: 1}) RETURN m",
                Map.of())).scalar();
        assertEquals(new StringValue("theirs"), n.property("extra"), "an unmapped property survives a save");
        assertEquals(new IntegerValue(3), n.property("level"));
        assertEquals(new StringValue("Ann B"), n.property("name"));
        assertTrue(n.property("years") instanceof NullValue, "a mapped field set to null removes its property");
        assertTrue(n.property("city") instanceof NullValue);
    }

    @Test
    void mapEntriesRoundTripExactlyAndRemovedEntriesDisappear() {
        AccountRepository accounts = orm.repository(AccountRepository.class);
        Account a = new Account(1, "a@x", "Ann");
        a.rates = new LinkedHashMap<>(Map.of("eur", 0.1 + 0.2, "usd", 1.0000000000000002, "gbp", 3.0));
        accounts.save(a);
        Account back = accounts.findById(1L).orElseThrow();
        assertEquals(a.rates, back.rates, "Map<String, Double> values are bit-exact");
        assertEquals(0.30000000000000004, back.rates.get("eur"));

        a.rates.remove("usd");
        accounts.save(a);
        NodeValue n = (NodeValue) other.execute(GraphQuery.read(graph, "MATCH (a:Account) RETURN a", Map.of())).scalar();
        assertTrue(n.property("rates.usd") instanceof NullValue, "an entry removed from the map is removed");
        assertEquals(Set.of("eur", "gbp"), accounts.findById(1L).orElseThrow().rates.keySet());
        assertEquals(0.30000000000000004, orm.query("MATCH (a:Account) RETURN a").one(Account.class).orElseThrow()
                .rates.get("eur"), "exact through a user query too");
    }

    @Test
    void uniqueOnAnOrdinaryPropertyIsAConstraint() {
        AccountRepository accounts = orm.repository(AccountRepository.class);
        accounts.save(new Account(1, "a@x", "Ann"));
        long operational = ((IntegerValue) other.execute(GraphQuery.read(graph, "CALL db.constraints() YIELD type, label,"
                + " properties, status WHERE type = 'UNIQUE' AND label = 'Account' AND properties = ['email']"
                + " AND status = 'OPERATIONAL' RETURN count(*)", Map.of())).scalar()).value();
        assertEquals(1, operational);
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> accounts.save(new Account(2, "a@x", "Dup")));
        assertTrue(e.getMessage().contains(Account.class.getName()) && e.getMessage().contains("email"), e.getMessage());
        assertEquals(1, count("(:Account)"), "nothing of the failed save was stored");
    }

    /** The server's own answer, asked with a plain statement: does CREATE count known labels as added? */
    private boolean countsEveryCreatedLabel() {
        String probe = "CREATE (a:IntegrityLabelProbe), (b:IntegrityLabelProbe) DELETE a, b";
        other.execute(GraphQuery.write(graph, probe));
        return other.execute(GraphQuery.write(graph, probe)).statistics().labelsAdded() == 2;
    }

    @Test
    void schemaComesBackAfterAnotherClientDeletesTheGraph() {
        AccountRepository accounts = orm.repository(AccountRepository.class);
        accounts.save(new Account(1, "a@x", "Ann"));
        other.deleteGraph(graph);
        accounts.save(new Account(1, "a@x", "Ann")); // the first write finds the constraint missing
        assertThrows(ConstraintViolationException.class, () -> accounts.save(new Account(2, "a@x", "Dup")));
        assertEquals(1, count("(:Account)"));
        long indexes = ((IntegerValue) other.execute(GraphQuery.read(graph, "CALL db.indexes() YIELD label, properties"
                + " WHERE label = 'Account' AND 'id' IN properties RETURN count(*)", Map.of())).scalar()).value();
        assertEquals(1, indexes, "the id index is back as well");
    }

    @Test
    void indexesComeBackWhenTheFirstOperationAfterADeleteIsAWrite() {
        // FalkorDB 4.22 reports every label of every created node as "labels added", so a write's
        // statistics no longer show that a label was new to the graph; there, only the constraint
        // guards (the test above) and replies about a missing graph reveal a re-created graph
        org.junit.jupiter.api.Assumptions.assumeFalse(countsEveryCreatedLabel(),
                "this server counts the labels of every created node as added: a write cannot notice a re-created graph");
        members.save(member(1, "Ann", 40));
        other.deleteGraph(graph);
        members.save(member(2, "Bo", 41)); // no read in between: the write itself notices
        long indexes = ((IntegerValue) other.execute(GraphQuery.read(graph, "CALL db.indexes() YIELD label, properties"
                + " WHERE label = 'Member' AND 'number' IN properties RETURN count(*)", Map.of())).scalar()).value();
        assertEquals(1, indexes, "the id index of an entity without unique properties is back too");
        assertEquals(1, count("(:Member)"));
    }

    @Test
    void readsOfAMissingGraphAnswerEmpty() {
        String missing = graph + "_missing";
        try (FalkorOrm none = FalkorOrm.builder().transport(transport).graph(missing).lookup(MethodHandles.lookup())
                .schemaMode(SchemaMode.NONE).build()) {
            MemberRepository repo = none.repository(MemberRepository.class);
            assertEquals(0, repo.count());
            assertTrue(repo.findAll().isEmpty());
            assertTrue(repo.findById(1L).isEmpty());
            assertFalse(repo.existsById(1L));
            assertTrue(repo.findByCity("Cork").isEmpty());
            assertEquals(0, repo.countByActiveFalse());
            assertFalse(repo.existsByName("x"));
            assertEquals(0, repo.findAll(Pageable.of(0, 10)).totalElements());
            assertTrue(none.query("MATCH (m:Member) RETURN m").list(Member.class).isEmpty());
        }
        assertFalse(transport.listGraphs().contains(missing), "reads did not create the graph");
        // and after another client deleted a graph that existed
        members.save(member(1, "Ann", 40));
        other.deleteGraph(graph);
        assertEquals(0, members.count());
        assertTrue(members.findById(1L).isEmpty());
    }

    @Test
    void saveAllValidatesEveryRowBeforeSendingAnything() {
        List<Member> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add(member(i, "m" + i, 20));
        }
        many.set(2400, new Member(2400, "bad", 20, true, Double.NaN, "Cork", List.of(), null));
        InvalidEntityException e = assertThrows(InvalidEntityException.class, () -> members.saveAll(many));
        assertTrue(e.getMessage().contains(Member.class.getName()) && e.getMessage().contains("2400")
                && e.getMessage().contains("score"), e.getMessage());
        assertEquals(0, count("(:Member)"), "nothing was written");

        many.set(2400, new Member(2400, "nul\0inside", 20, true, 1, "Cork", List.of(), null));
        e = assertThrows(InvalidEntityException.class, () -> members.saveAll(many));
        assertTrue(e.getMessage().contains("name") && !e.getMessage().contains("inside"), e.getMessage());
        many.set(2400, new Member(2400, "inf", 20, true, Double.POSITIVE_INFINITY, "Cork", List.of(), null));
        assertThrows(InvalidEntityException.class, () -> members.saveAll(many));
        assertEquals(0, count("(:Member)"));
    }

    @Test
    void integerComparisonsSortingAndScrollingCoverTheWholeLongRange() {
        AccountRepository accounts = orm.repository(AccountRepository.class);
        Random random = new Random(42);
        List<Account> all = new ArrayList<>();
        long[] extremes = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (int i = 0; i < 300; i++) {
            Account a = new Account(i < extremes.length ? extremes[i] : random.nextLong(), "e" + i, "n" + i);
            a.counter = i < extremes.length ? extremes[extremes.length - 1 - i] : random.nextLong();
            all.add(a);
        }
        accounts.saveAll(all);
        assertEquals(all.size(), accounts.countByCounterGreaterThan(Long.MIN_VALUE) + 1);
        long pivot = -5;
        assertEquals(all.stream().filter(a -> a.counter <= pivot).count(), accounts.findByCounterLessThanEqual(pivot).size());
        assertEquals(all.stream().filter(a -> a.counter >= Long.MIN_VALUE / 2 && a.counter <= Long.MAX_VALUE / 2).count(),
                accounts.findByCounterBetween(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).size());

        List<Long> sorted = all.stream().map(a -> a.counter).sorted().toList();
        assertEquals(sorted, accounts.findByOrderByCounterAsc().stream().map(a -> a.counter).toList());
        assertEquals(sorted, accounts.findAll(Sort.by("counter")).stream().map(a -> a.counter).toList());

        // keyset scrolling by the id (full range) ends, and sees every row exactly once, in order
        Set<Long> seen = new HashSet<>();
        List<Long> order = new ArrayList<>();
        ScrollPosition position = ScrollPosition.initial();
        for (int windows = 0; ; windows++) {
            assertTrue(windows < 20, "scrolling must end");
            Window<Account> w = accounts.findFirst50ByNameStartingWith("n", position, Sort.unsorted());
            w.content().forEach(a -> {
                assertTrue(seen.add(a.id), "no row twice");
                order.add(a.id);
            });
            if (!w.hasNext()) {
                break;
            }
            position = w.nextPosition();
        }
        assertEquals(all.size(), seen.size());
        assertEquals(order.stream().sorted().toList(), order);
    }

    @Test
    void pagingBeyondWhatTheServerCanDoFailsClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> members.findAll(Pageable.of(4194304, 1024)));
        assertTrue(e.getMessage().contains("4294967296") && e.getMessage().contains("keyset"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> members.findByCityIsNotNull(Pageable.of(0, Integer.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class,
                () -> members.findAll(ScrollPosition.initial(), Integer.MAX_VALUE, Sort.by("name")));
    }

    @Test
    void badSortsAndDeepParametersFailBeforeSending() {
        AtomicInteger sent = new AtomicInteger();
        try (FalkorOrm counted = FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .decorateExecutor(next -> new Executor.Forwarding(next) {
                    @Override
                    public QueryResult execute(GraphQuery q) {
                        sent.incrementAndGet();
                        return next.execute(q);
                    }
                }).build()) {
            MemberRepository repo = counted.repository(MemberRepository.class);
            int before = sent.get();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> repo.findAll(Sort.by(Sort.Order.asc("age").ignoringCase())));
            assertTrue(e.getMessage().contains("age"), e.getMessage());
            Object deep = "leaf";
            for (int i = 0; i < 3000; i++) {
                deep = List.of(deep);
            }
            Object nested = deep;
            InvalidParameterException p = assertThrows(InvalidParameterException.class,
                    () -> counted.query("RETURN $p").param("p", nested).list(Object.class));
            assertTrue(p.getMessage().contains("nested"), p.getMessage());
            assertEquals(before, sent.get(), "nothing reached the server");
        }
    }

    @Test
    void idempotentWritesAreRetriedOnlyWhenThePolicySaysSo() {
        AtomicInteger failures = new AtomicInteger(0);
        try (FalkorOrm flaky = FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .retryPolicy(RetryPolicy.attempts(2, java.time.Duration.ZERO))
                .decorateExecutor(next -> new Executor.Forwarding(next) {
                    @Override
                    public QueryResult execute(GraphQuery q) {
                        if (!q.readOnly() && failures.getAndDecrement() > 0) {
                            next.execute(q); // applied, but the reply is "lost"
                            throw new ConnectionException("simulated reset", ConnectionException.Outcome.UNKNOWN, null);
                        }
                        return next.execute(q);
                    }
                }).build()) {
            MemberRepository repo = flaky.repository(MemberRepository.class);
            failures.set(1);
            repo.save(member(5, "Eve", 33));
            assertEquals(1, count("(:Member {number: 5})"), "the upsert ran twice and left one node");

            failures.set(1);
            ConnectionException e = assertThrows(ConnectionException.class, () -> flaky.query(
                    "CREATE (:Member {number: 6})").write().execute());
            assertEquals(ConnectionException.Outcome.UNKNOWN, e.outcome());
            assertTrue(e.getMessage().contains("may or may not"), e.getMessage());
            assertEquals(1, count("(:Member {number: 6})"), "a custom write is not repeated");
        }
    }
}
