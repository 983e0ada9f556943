package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.core.model.MemberRepository;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import java.lang.invoke.MethodHandles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entities read from the user's own queries ({@code RETURN m}): the final RETURN is rewritten to
 * read the node by property name with exact doubles, so one statement serves it, whatever the
 * graph's id tables are; shapes the rewriter does not follow still read correctly.
 */
class UserQueryEntitiesTest extends GraphTestSupport {
    private final AtomicInteger sent = new AtomicInteger();
    private FalkorOrm counted;

    @Override
    protected void afterGraphOpened() {
        super.afterGraphOpened();
        counted = FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .decorateExecutor(next -> new Executor.Forwarding(next) {
                    @Override
                    public QueryResult execute(GraphQuery q) {
                        sent.incrementAndGet();
                        return next.execute(q);
                    }
                }).build();
    }

    @BeforeEach
    void data() {
        cypher("MATCH (n) DELETE n", Map.of());
        List<Member> ms = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ms.add(new Member(i, "m" + i, 20 + i, i % 2 == 0, i + 0.1 + 0.2, i < 5 ? "Cork" : "Kerry", List.of("t" + i),
                    LocalDate.of(2020, 1, 1 + i)));
        }
        counted.repository(MemberRepository.class).saveAll(ms);
    }

    @Test
    void oneStatementReadsEntitiesExactly() {
        int before = sent.get();
        List<Member> cork = counted.query("MATCH (m:Member) WHERE m.city = $c RETURN m ORDER BY m.number DESC LIMIT 3")
                .param("c", "Cork").list(Member.class);
        assertEquals(1, sent.get() - before, "no second statement for exact doubles, no name lookup");
        assertEquals(List.of(4L, 3L, 2L), cork.stream().map(Member::getNumber).toList());
        assertEquals(4 + 0.1 + 0.2, cork.get(0).getScore(), "bit-exact double from the same reply");
        assertEquals(List.of("t4"), cork.get(0).getTags());

        before = sent.get();
        List<Member> viaMethod = counted.repository(MemberRepository.class).inCity("Kerry");
        assertEquals(1, sent.get() - before);
        assertEquals(5, viaMethod.size());
        assertEquals(9 + 0.1 + 0.2, viaMethod.get(4).getScore());
    }

    @Test
    void nullsOtherColumnsAndDistinctKeepTheirMeaning() {
        List<Member> optional = counted.query("OPTIONAL MATCH (m:Member {name: 'nobody'}) RETURN m").list(Member.class);
        assertEquals(1, optional.size());
        assertNull(optional.get(0));
        List<Member> distinct = counted.query("MATCH (m:Member)-[:NONE*0..0]-(x) WHERE m.years > $a RETURN DISTINCT m,"
                + " m.name AS name ORDER BY name").param("a", 27).list(Member.class);
        assertEquals(List.of("m8", "m9"), distinct.stream().map(Member::getName).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> counted.query("MATCH (m:Member) RETURN m.name LIMIT 1").list(Member.class));
        assertTrue(e.getMessage().contains("Expected a node"), e.getMessage());
    }

    @Test
    void shapesTheRewriterDoesNotFollowStillReadCorrectly() {
        List<Member> union = counted.query("MATCH (m:Member {number: 1}) RETURN m UNION MATCH (m:Member {number: 2})"
                + " RETURN m").list(Member.class);
        assertEquals(2, union.size());
        assertTrue(union.stream().anyMatch(m -> m.getScore() == 1 + 0.1 + 0.2), "exact through the fallback too");
    }
}
