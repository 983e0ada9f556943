package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.write.StatementComposer;
import dev.falkor.orm.core.internal.write.WritePlan;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.BooleanValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Composed write statements on the real server: several parts in one atomic statement, guards, chunking. */
class StatementComposerTest extends GraphTestSupport {
    private EntityMetadata member;
    private EntityMetadata account;

    @BeforeEach
    void setUp() {
        cypher("MATCH (n) DELETE n", Map.of());
        orm.repository(dev.falkor.orm.core.model.MemberRepository.class);
        orm.internals().register(IntegrityTest.Account.class); // (re-)creates the unique constraint on email
        member = orm.internals().operations(Member.class).metadata();
        account = orm.internals().operations(IntegrityTest.Account.class).metadata();
    }

    private static Map<String, Object> row(Object id, Map<String, Object> props) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("props", props);
        return r;
    }

    private QueryResult send(StatementComposer.Statement s) {
        return transport.execute(GraphQuery.write(graph, s.cypher(), s.parameters()));
    }

    @Test
    void severalPartsAreOneAtomicStatement() {
        cypher("CREATE (:Member {number: 100, name: 'old'})", Map.of());
        StatementComposer composer = new StatementComposer(1000, true);
        WritePlan plan = WritePlan.of(
                new WritePlan.UpsertNodes(member, List.of(row(1L, Map.of("name", "a")), row(2L, Map.of("name", "b")))),
                new WritePlan.DeleteNodes(member, List.of(100L)),
                new WritePlan.UpsertNodes(account, List.of(row(7L, Map.of("email", "x@y", "name", "X")))),
                new WritePlan.UpsertNodes(member, List.of()));
        List<StatementComposer.Statement> statements = composer.compose(plan);
        assertEquals(1, statements.size());
        QueryResult r = send(statements.get(0));
        assertEquals(new BooleanValue(true), r.scalar(), "the guard of Account's constraint passed");
        assertEquals(2, count("(:Member)"));
        assertEquals(0, count("(:Member {number: 100})"));
        assertEquals(1, count("(:Account {email: 'x@y'})"));

        // a violation in the last part undoes the first parts too
        WritePlan failing = WritePlan.of(
                new WritePlan.DeleteNodes(member, List.of(1L, 2L)),
                new WritePlan.UpsertNodes(account, List.of(row(8L, Map.of("email", "x@y")))));
        assertThrows(ConstraintViolationException.class, () -> send(composer.compose(failing).get(0)));
        assertEquals(2, count("(:Member)"), "nothing of the failed statement was applied");
        assertEquals(0, count("(:Account {id: 8})"));
    }

    @Test
    void aMissingConstraintMakesTheGuardedStatementWriteNothing() {
        // Drop the constraint, not its index: on FalkorDB 4.16.3 a refused DROP INDEX of an index that
        // backs a constraint leaves it half-dropped, and the next node of that label crashes the server.
        transport.command("GRAPH.CONSTRAINT", "DROP", graph, "UNIQUE", "NODE", "Account", "PROPERTIES", "1", "email");
        StatementComposer composer = new StatementComposer(1000, true);
        WritePlan plan = WritePlan.of(
                new WritePlan.UpsertNodes(member, List.of(row(1L, Map.of("name", "a")))),
                new WritePlan.UpsertNodes(account, List.of(row(9L, Map.of("email", "z@y")))));
        QueryResult r = send(composer.compose(plan).get(0));
        assertFalse(((BooleanValue) r.scalar()).value(), "the statement reports the missing constraint");
        assertEquals(0, count("(:Account {id: 9})"));
        assertEquals(1, count("(:Member {number: 1})"), "an unguarded part is written");
    }

    @Test
    void largePlansAreCutIntoStatementsOfAtMostTheBatchSize() {
        StatementComposer composer = new StatementComposer(100, false);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long i = 0; i < 250; i++) {
            rows.add(row(i, Map.of("name", "n" + i)));
        }
        List<StatementComposer.Statement> statements = composer.compose(WritePlan.of(
                new WritePlan.UpsertNodes(member, rows), new WritePlan.DeleteNodes(member, List.of(0L, 1L))));
        assertEquals(4, statements.size(), "3 chunks of upserts, then the deletes");
        statements.forEach(this::send);
        assertEquals(248, count("(:Member)"));
        assertTrue(statements.stream().noneMatch(StatementComposer.Statement::guarded));
    }

    private static Map<String, Object> edge(Object src, Object dst, Map<String, Object> props) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("src", src);
        r.put("dst", dst);
        r.put("props", props);
        return r;
    }

    @Test
    void nodesAndTheirRelationshipsInOneStatementWithoutDuplicates() {
        StatementComposer composer = new StatementComposer(1000, true);
        WritePlan plan = WritePlan.of(
                new WritePlan.UpsertNodes(member, List.of(row(1L, Map.of("name", "a")), row(2L, Map.of("name", "b")))),
                WritePlan.Edges.merge("KNOWS", member, member, List.of(edge(1L, 2L, Map.of("since", 2020)),
                        edge(1L, 99L, Map.of("since", 1)))));
        assertEquals(1, composer.compose(plan).size());
        composer.compose(plan).forEach(this::send);
        composer.compose(plan).forEach(this::send); // again: MERGE keeps one edge
        assertEquals(1, count("(:Member {number: 1})-[:KNOWS {since: 2020}]->(:Member {number: 2})"));
        assertEquals(1, count("()-[:KNOWS]->()"), "a row whose endpoint does not exist is a no-op");

        WritePlan change = WritePlan.of(WritePlan.Edges.merge("KNOWS", member, member,
                List.of(edge(1L, 2L, Map.of("since", 2021)))))
                .and(WritePlan.of(WritePlan.Edges.merge("LIKES", member, member, List.of(edge(2L, 1L, Map.of())))));
        composer.compose(change).forEach(this::send);
        assertEquals(1, count("(:Member {number: 1})-[:KNOWS {since: 2021}]->(:Member {number: 2})"));
        assertEquals(1, count("(:Member {number: 2})-[:LIKES]->(:Member {number: 1})"));

        // removing an edge and failing later in the same statement removes nothing
        WritePlan failing = WritePlan.of(
                WritePlan.Edges.delete("KNOWS", member, member, List.of(edge(1L, 2L, null))),
                new WritePlan.UpsertNodes(account, List.of(row(50L, Map.of("email", "dup@x")), row(51L, Map.of("email", "dup@x")))));
        assertThrows(ConstraintViolationException.class, () -> send(composer.compose(failing).get(0)));
        assertEquals(1, count("()-[:KNOWS]->()"));
        composer.compose(WritePlan.of(WritePlan.Edges.delete("KNOWS", member, member, List.of(edge(1L, 2L, null)))))
                .forEach(this::send);
        assertEquals(0, count("()-[:KNOWS]->()"));
        assertEquals(1, count("()-[:LIKES]->()"));
    }
}
