package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.core.internal.exec.Runner;
import dev.falkor.orm.core.internal.repository.EntityOperations;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.spi.value.IntegerValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same steps the blocking API runs, run asynchronously on the existing (blocking) transport
 * through its default {@code executeAsync}: results, multi-statement operations and errors.
 */
class AsyncRunnerTest extends GraphTestSupport {
    private EntityOperations<Object> members;
    private Runner runner;

    @BeforeEach
    void setUp() {
        cypher("MATCH (n) DELETE n", Map.of());
        members = orm.internals().operations(Member.class);
        runner = members.graph().runner();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void stepsRunAsynchronouslyWithTheSameMapping() throws Exception {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add(new Member(i, "m" + i, i % 90, true, i + 0.1 + 0.2, "Cork", List.of(), LocalDate.of(2020, 1, 1)));
        }
        assertEquals(2500, await(runner.runAsync(members.saveAllStep(many))).size()); // three batches, chained
        assertEquals(2500L, ((IntegerValue) scalar("MATCH (m:Member) RETURN count(m)", Map.of())).value(),
                "read back with plain Cypher");
        Optional<Object> one = await(runner.runAsync(members.findByIdStep(7L)));
        Member m = (Member) one.orElseThrow();
        assertEquals("m7", m.getName());
        assertEquals(7 + 0.1 + 0.2, m.getScore(), "exact doubles on the async path too");
        // a page needs a count query after the rows: two statements, one after the other
        var page = await(runner.runAsync(members.pageStep(
                dev.falkor.orm.core.internal.repository.Condition.of("n.years < $y"), Map.of("y", 10L), Pageable.of(1, 100))));
        assertEquals(2500 / 90 * 10 + 10, page.totalElements());
        assertEquals(100, page.content().size());
    }

    @Test
    void failuresArriveUnwrappedAndNothingIsHalfDone() throws Exception {
        IntegrityTest.Account a = new IntegrityTest.Account(1, "a@x", "Ann");
        EntityOperations<Object> accounts = orm.internals().operations(IntegrityTest.Account.class);
        await(runner.runAsync(accounts.saveAllStep(List.of(a))));
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(runner.runAsync(
                accounts.saveAllStep(List.of(new IntegrityTest.Account(2, "a@x", "Dup"))))));
        ConstraintViolationException cv = assertInstanceOf(ConstraintViolationException.class, e.getCause());
        assertTrue(cv.getMessage().contains("email"), cv.getMessage());
        assertEquals(1L, ((IntegerValue) scalar("MATCH (a:Account) RETURN count(a)", Map.of())).value());
        // bad input fails when the step is built, before anything is sent
        assertThrows(InvalidEntityException.class, () -> accounts.saveAllStep(
                List.of(new IntegrityTest.Account(3, "b\0x", "Nul"))));
    }
}
