package dev.falkor.orm.batch.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.batch.EdgeShape;
import dev.falkor.orm.spi.batch.NodeShape;
import dev.falkor.orm.spi.batch.PropertyShape;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.batch.WriteStatement;
import dev.falkor.orm.testkit.GraphTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * What the UNWIND writer adds to the contract: few statements, so a batch that fits in one
 * chunk is atomic.
 */
class UnwindBatchWriterTest extends GraphTest {
    private static final List<PropertyShape> PROPS = List.of(PropertyShape.plain("name"));

    private static Map<String, Object> row(long id, String name) {
        return Map.of("id", id, "name", name);
    }

    private void send(WriteStatement s) {
        transport.execute(GraphQuery.write(graph, s.cypher(), s.parameters()));
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertTrue(ServiceLoader.load(dev.falkor.orm.spi.batch.BatchWriterProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("unwind")));
    }

    @Test
    void aBatchWithinOneChunkIsOneAtomicStatement() {
        NodeShape member = NodeShape.of("UMember", "id", PROPS);
        NodeShape account = new NodeShape(List.of("UAccount"), "UAccount", "id", List.of(PropertyShape.plain("email")),
                false, List.of(), null);
        cypher("CREATE INDEX FOR (n:UAccount) ON (n.email)", Map.of());
        transport.command("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", "UAccount", "PROPERTIES", "1", "email");
        cypher("CREATE (:UMember {id: 100, name: 'old'}), (:UAccount {id: 1, email: 'x@y'})", Map.of());
        UnwindBatchWriter writer = new UnwindBatchWriter(1000);
        WriteBatch failing = WriteBatch.of(
                new WriteOperation.UpsertNodes(member, List.of(row(1, "a"), row(2, "b"))),
                new WriteOperation.DeleteNodes(member, List.of(100L)),
                new WriteOperation.Edges(WriteOperation.EdgeChange.MERGE,
                        new EdgeShape("KNOWS", Relationship.Direction.OUTGOING, member, member, false),
                        List.of(Map.of("src", 1L, "dst", 2L))),
                new WriteOperation.UpsertNodes(account, List.of(Map.of("id", 2L, "email", "x@y"))));
        List<WriteStatement> statements = writer.statements(failing);
        assertEquals(1, statements.size());
        awaitConstraint();
        assertThrows(ConstraintViolationException.class, () -> send(statements.get(0)));
        assertEquals(1, count("(:UMember)"), "the violation in the last operation undid the first ones");
        assertEquals(1, count("(:UMember {id: 100})"));
        assertEquals(0, count("()-[:KNOWS]->()"));
    }

    private void awaitConstraint() {
        for (int i = 0; i < 10_000; i++) {
            if (!cypher("CALL db.constraints() YIELD label, status WHERE label = 'UAccount' AND status = 'OPERATIONAL' "
                    + "RETURN 1", Map.of()).isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("constraint not operational");
    }

    @Test
    void statementsAreFilledUpToTheChunkSizeAcrossOperations() {
        NodeShape s = NodeShape.of("UChunk", "id", PROPS);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long i = 0; i < 250; i++) {
            rows.add(row(i, "n" + i));
        }
        List<WriteStatement> statements = new UnwindBatchWriter(100).statements(WriteBatch.of(
                new WriteOperation.CreateNodes(s, rows), new WriteOperation.DeleteNodes(s, List.of(0L, 1L)),
                new WriteOperation.UpsertNodes(s, List.of(row(7, "seven")))));
        assertEquals(List.of(100, 100, 53), statements.stream().map(WriteStatement::rows).toList(),
                "the last statement holds the rest of the creates, the deletes and the upsert");
        statements.forEach(this::send);
        assertEquals(248, count("(:UChunk)"));
        assertEquals(1, count("(:UChunk {id: 7, name: 'seven'})"));
    }

    @Test
    void aSingleRowUsesPlainParametersAndSeveralRowsOneUnwind() {
        NodeShape s = NodeShape.of("UForm", "id", PROPS);
        UnwindBatchWriter writer = new UnwindBatchWriter(1000);
        String one = writer.statements(WriteBatch.of(new WriteOperation.CreateNodes(s, List.of(row(1, "a"))))).get(0).cypher();
        assertEquals("CREATE (n:`UForm` {`id`: $p0.`id`, `name`: $p0.`name`})", one);
        String two = writer.statements(WriteBatch.of(new WriteOperation.CreateNodes(s, List.of(row(1, "a"), row(2, "b")))))
                .get(0).cypher();
        assertEquals("UNWIND $rows0 AS row CREATE (n:`UForm` {`id`: row.`id`, `name`: row.`name`})", two);
    }
}
