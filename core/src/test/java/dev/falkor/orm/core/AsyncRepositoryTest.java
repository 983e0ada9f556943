package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.IncorrectResultSizeException;
import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Session;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.value.IntegerValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous API as a user calls it: an {@link AsyncRepository} with derived and
 * {@code @Query} methods returning futures, and {@code orm.query(...).listAsync}. Every effect is
 * read back with plain Cypher. Runs on whichever transport the test run chose (Jedis, and again
 * on Lettuce).
 */
class AsyncRepositoryTest extends GraphTestSupport {

    interface Members extends AsyncRepository<Member, Long> {
        CompletableFuture<List<Member>> findByCityOrderByNumberAsc(String city);

        CompletionStage<Long> countByCity(String city);

        CompletableFuture<Integer> countByActiveTrue();

        CompletableFuture<Optional<Member>> findByName(String name);

        CompletableFuture<Page<Member>> findByAgeLessThan(int age, Pageable pageable);

        CompletableFuture<Boolean> existsByName(String name);

        CompletableFuture<Long> deleteByCity(String city);

        @Query("MATCH (m:Member) WHERE m.years >= $age RETURN m.name ORDER BY m.name")
        CompletionStage<List<String>> namesFrom(int age);

        @Query(value = "MATCH (m:Member {name: $name}) SET m.city = $city", write = true)
        CompletableFuture<Void> move(String name, String city);
    }

    interface Accounts extends AsyncRepository<IntegrityTest.Account, Long> {
    }

    private Members members;

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        members = orm.asyncRepository(Members.class);
    }

    private static Member member(long n, String name, int age, String city) {
        return new Member(n, name, age, n % 2 == 0, n + 0.1 + 0.2, city, List.of("t" + n), LocalDate.of(2020, 1, 1));
    }

    private static <T> T await(CompletionStage<T> f) throws Exception {
        return f.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private long stored(String where) {
        return ((IntegerValue) scalar("MATCH (m:Member) WHERE " + where + " RETURN count(m)", Map.of())).value();
    }

    @Test
    void crudMethodsReturnFuturesWithTheBlockingResults() throws Exception {
        Member saved = await(members.save(member(1, "Ann", 30, "Cork")));
        assertEquals("Ann", saved.getName());
        List<Member> many = new ArrayList<>();
        for (int i = 2; i <= 40; i++) {
            many.add(member(i, "m" + i, i, i % 3 == 0 ? "Cork" : "Oslo"));
        }
        assertEquals(39, await(members.saveAll(many)).size());
        assertEquals(40, stored("true"), "read back with plain Cypher");

        Member found = await(members.findById(7L)).orElseThrow();
        assertEquals("m7", found.getName());
        assertEquals(7 + 0.1 + 0.2, found.getScore(), "exact doubles on the async path too");
        assertEquals(Optional.empty(), await(members.findById(999L)));
        assertEquals(List.of(2L, 3L), await(members.findAllById(List.of(2L, 3L, 999L))).stream()
                .map(Member::getNumber).sorted().toList());
        assertEquals(40, await(members.findAll()).size());
        assertEquals(40L, await(members.findAll(Sort.by("number").descending())).get(0).getNumber());
        Page<Member> page = await(members.findAll(Pageable.of(1, 15)));
        assertEquals(40, page.totalElements(), "a page's count query is a second statement, chained");
        assertEquals(15, page.content().size());
        assertTrue(await(members.existsById(1L)));
        assertEquals(40L, await(members.count()));

        await(members.deleteById(1L));
        await(members.delete(found));
        assertEquals(0, stored("m.number IN [1, 7]"));
        await(members.deleteAll(List.of(member(2, "m2", 2, "Oslo"))));
        assertEquals(37, stored("true"));
        await(members.deleteAll());
        assertEquals(0, stored("true"));
    }

    @Test
    void derivedAndCustomMethodsMayReturnFutures() throws Exception {
        List<Member> all = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            all.add(member(i, "m" + i, 20 + i, i <= 5 ? "Cork" : "Oslo"));
        }
        await(members.saveAll(all));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), await(members.findByCityOrderByNumberAsc("Cork")).stream()
                .map(Member::getNumber).toList());
        assertEquals(7L, await(members.countByCity("Oslo")));
        assertEquals(6, await(members.countByActiveTrue()));
        assertEquals(3L, await(members.findByName("m3")).orElseThrow().getNumber());
        Page<Member> young = await(members.findByAgeLessThan(30, Pageable.of(0, 5)));
        assertEquals(9, young.totalElements());
        assertEquals(5, young.content().size());
        assertTrue(await(members.existsByName("m12")));
        assertFalse(await(members.existsByName("nobody")));
        assertEquals(List.of("m10", "m11", "m12"), await(members.namesFrom(30)));

        await(members.move("m1", "Paris"));
        assertEquals(1, stored("m.name = 'm1' AND m.city = 'Paris'"));
        assertEquals(4L, await(members.deleteByCity("Cork")));
        assertEquals(0, stored("m.city = 'Cork'"));
        assertEquals(8, stored("true"));
    }

    @Test
    void failuresArriveTypedThroughTheFutureAndNothingIsHalfDone() throws Exception {
        Accounts accounts = orm.asyncRepository(Accounts.class);
        await(accounts.save(new IntegrityTest.Account(1, "a@x", "Ann")));
        CompletableFuture<IntegrityTest.Account> duplicate = accounts.save(new IntegrityTest.Account(2, "a@x", "Dup"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> duplicate.get(30, TimeUnit.SECONDS));
        ConstraintViolationException cv = assertInstanceOf(ConstraintViolationException.class, e.getCause());
        assertTrue(cv.getMessage().contains("email"), cv.getMessage());
        CompletionException joined = assertThrows(CompletionException.class, duplicate::join);
        assertInstanceOf(ConstraintViolationException.class, joined.getCause(), "join() wraps once, as the JDK does");
        assertEquals(1L, ((IntegerValue) scalar("MATCH (a:Account) RETURN count(a)", Map.of())).value());

        // bad input: the future fails, nothing is sent, the call itself does not throw
        CompletableFuture<IntegrityTest.Account> bad = accounts.save(new IntegrityTest.Account(3, "b\0x", "Nul"));
        ExecutionException badInput = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
        assertInstanceOf(InvalidEntityException.class, badInput.getCause());
        assertEquals(1L, ((IntegerValue) scalar("MATCH (a:Account) RETURN count(a)", Map.of())).value());

        await(members.saveAll(List.of(member(1, "Twin", 1, "Cork"), member(2, "Twin", 2, "Cork"))));
        ExecutionException tooMany = assertThrows(ExecutionException.class,
                () -> await(members.findByName("Twin")));
        assertInstanceOf(IncorrectResultSizeException.class, tooMany.getCause());
    }

    @Test
    void theQueryApiHasAsynchronousForms() throws Exception {
        await(members.saveAll(List.of(member(1, "Ann", 30, "Cork"), member(2, "Bob", 40, "Oslo"))));
        List<Member> cork = await(orm.query("MATCH (m:Member) WHERE m.city = $city RETURN m").param("city", "Cork")
                .listAsync(Member.class));
        assertEquals(List.of("Ann"), cork.stream().map(Member::getName).toList());
        assertEquals(Optional.of(2L), await(orm.query("MATCH (m:Member) RETURN count(m)").oneAsync(Long.class)));
        QueryStatistics stats = await(orm.query("MATCH (m:Member {name: $n}) SET m.city = 'Rome'").param("n", "Bob")
                .write().executeAsync());
        assertEquals(1, stats.propertiesSet());
        assertEquals(1, stored("m.city = 'Rome'"));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> await(orm.query("MATCH (m:Member) RETURN m").oneAsync(Member.class)));
        assertInstanceOf(IncorrectResultSizeException.class, e.getCause());
    }

    @Test
    void aBadStatementOfTheQueryApiFailsTheFutureInsteadOfThrowing() throws Exception {
        // the call itself must not throw: every failure arrives through the future, as list() would throw it
        CompletableFuture<List<Long>> nul = orm.query("RETURN 1 AS x\0").listAsync(Long.class);
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(nul));
        assertInstanceOf(dev.falkor.orm.api.InvalidQueryException.class, e.getCause());
        CompletableFuture<Optional<Long>> one = orm.query("RETURN 1 AS x\0").oneAsync(Long.class);
        assertInstanceOf(dev.falkor.orm.api.InvalidQueryException.class,
                assertThrows(ExecutionException.class, () -> await(one)).getCause());
        CompletableFuture<QueryStatistics> write = orm.query("CREATE (:Member {name: 'x'})\0").write().executeAsync();
        assertInstanceOf(dev.falkor.orm.api.InvalidQueryException.class,
                assertThrows(ExecutionException.class, () -> await(write)).getCause());
        assertEquals(0, stored("true"), "nothing was sent");
    }

    @Test
    void asynchronousCallsRefuseToRunInsideASession() throws Exception {
        try (Session session = orm.openSession()) {
            assertTrue(session.find(Member.class, 1L).isEmpty(), "the session works on this thread");
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(members.findById(1L)));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("session"), e.getCause().getMessage());
        }
        assertEquals(Optional.empty(), await(members.findById(1L)), "outside the session it runs");
    }
}
