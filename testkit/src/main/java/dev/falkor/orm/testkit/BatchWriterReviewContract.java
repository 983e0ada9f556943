package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.NodeShape;
import dev.falkor.orm.spi.batch.PropertyShape;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteCypher;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.batch.WriteStatement;
import dev.falkor.orm.spi.value.BooleanValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Review findings against the {@link BatchWriter} contract (failing tests that prove defects).
 * Each test uses labels of its own.
 */
public abstract class BatchWriterReviewContract extends GraphTest {

    protected abstract BatchWriter writer(int chunkSize);

    private QueryResult send(WriteStatement s) {
        return transport.execute(GraphQuery.write(graph, s.cypher(), s.parameters()));
    }

    private void apply(WriteBatch batch) {
        for (WriteStatement s : writer(1000).statements(batch)) {
            send(s);
        }
    }

    private static Map<String, Object> row(Object id, Object... props) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        for (int i = 0; i < props.length; i += 2) {
            r.put((String) props[i], props[i + 1]);
        }
        return r;
    }

    private static Map<String, Object> version(Object id, Object version) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", id);
        r.put("version", version);
        return r;
    }

    private static NodeShape versioned(String label) {
        return new NodeShape(List.of(label), label, "id", List.of(PropertyShape.plain("name"), PropertyShape.plain("ver")),
                false, List.of(), "ver");
    }

    /**
     * Version checks of two shapes (or two check operations) in one batch: the chained
     * {@code WITH __m0 + sum(...) AS __m1} mixes a grouping key and an aggregate in one
     * expression, which FalkorDB rejects ("Unable to locate a value with alias __m0"), so every
     * such batch fails, current or stale, and the error is not recognised as a conflict.
     */
    @Test
    void versionChecksOfTwoShapesPassWhenCurrent() {
        NodeShape a = versioned("RvVerA");
        NodeShape b = versioned("RvVerB");
        cypher("CREATE (:RvVerA {id: 1, name: 'a', ver: 1}), (:RvVerB {id: 1, name: 'b', ver: 5})", Map.of());
        WriteBatch current = WriteBatch.of(
                new WriteOperation.CheckVersions(a, List.of(version(1L, 1L))),
                new WriteOperation.CheckVersions(b, List.of(version(1L, 5L))),
                new WriteOperation.UpsertNodes(a, List.of(row(1L, "name", "a2", "ver", 2L))),
                new WriteOperation.UpsertNodes(b, List.of(row(1L, "name", "b2", "ver", 6L))));
        apply(current);
        assertEquals(1, count("(:RvVerA {id: 1, name: 'a2', ver: 2})"));
        assertEquals(1, count("(:RvVerB {id: 1, name: 'b2', ver: 6})"));
    }

    /** A stale check among two shapes must be reported as a version conflict, not as some other error. */
    @Test
    void aStaleVersionCheckAmongTwoShapesIsAConflict() {
        NodeShape a = versioned("RvStaleA");
        NodeShape b = versioned("RvStaleB");
        cypher("CREATE (:RvStaleA {id: 1, name: 'a', ver: 1}), (:RvStaleB {id: 1, name: 'b', ver: 5})", Map.of());
        WriteBatch stale = WriteBatch.of(
                new WriteOperation.CheckVersions(a, List.of(version(1L, 1L))),
                new WriteOperation.CheckVersions(b, List.of(version(1L, 4L))),
                new WriteOperation.UpsertNodes(a, List.of(row(1L, "name", "lost", "ver", 2L))));
        QueryException e = assertThrows(QueryException.class, () -> apply(stale));
        assertTrue(WriteCypher.isVersionConflict(e.getMessage()), "not recognised as a conflict: " + e.getMessage());
        assertEquals(0, count("(:RvStaleA {name: 'lost'})"));
    }

    /**
     * {@link WriteStatement#guarded()}: a guarded statement that reports false "wrote nothing".
     * With several operations in one statement, the ones before the failing guard are written,
     * and the {@code WITH count(*)} barrier after the guard revives a row, so the ones after it
     * are written too. The mapper then retries the whole statement (Writes), duplicating creates.
     */
    @Test
    void aGuardedStatementThatReportsAMissingConstraintWroteNothing() {
        NodeShape plain = NodeShape.of("RvGuardPlain", "id", List.of(PropertyShape.plain("name")));
        // unique property whose constraint does not exist: every guard of this shape fails
        NodeShape unique = new NodeShape(List.of("RvGuardUnique"), "RvGuardUnique", "id",
                List.of(PropertyShape.plain("email")), false, List.of("email"), null);
        WriteBatch batch = new WriteBatch(List.of(
                new WriteOperation.CreateNodes(plain, List.of(row(1L, "name", "before"))),
                new WriteOperation.UpsertNodes(unique, List.of(row(2L, "email", "x@y"))),
                new WriteOperation.CreateNodes(plain, List.of(row(3L, "name", "after")))), true);
        for (WriteStatement s : writer(1000).statements(batch)) {
            QueryResult r = send(s);
            if (s.guarded() && new BooleanValue(false).equals(r.scalar())) {
                assertEquals(0, r.statistics().nodesCreated(),
                        "a guarded statement reported its constraint missing but created nodes: " + s.cypher());
                assertEquals(0, r.statistics().propertiesSet(), "and set properties: " + s.cypher());
            }
        }
        assertEquals(0, count("(:RvGuardUnique)"));
    }
}
