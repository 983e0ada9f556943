package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.EdgeShape;
import dev.falkor.orm.spi.batch.NodeShape;
import dev.falkor.orm.spi.batch.PropertyShape;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteCypher;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.batch.WriteOperation.EdgeChange;
import dev.falkor.orm.spi.batch.WriteStatement;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.value.VectorValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BatchWriter} must meet, run against a real server: what the graph
 * holds after a batch's statements ran, whatever their number. A writer module extends this
 * class and returns its writer; nothing else. Each test uses labels of its own, so the tests
 * of a class may share one graph.
 */
public abstract class BatchWriterContract extends GraphTest {

    /** The writer under test, cutting batches into statements of at most {@code chunkSize} rows. */
    protected abstract BatchWriter writer(int chunkSize);

    private static final List<PropertyShape> PERSON = List.of(PropertyShape.plain("name"), PropertyShape.plain("age"));

    /** Runs the statements of {@code batch} in order, checking what every statement must be. */
    protected List<QueryResult> apply(BatchWriter writer, WriteBatch batch) {
        List<QueryResult> results = new ArrayList<>();
        for (WriteStatement s : writer.statements(batch)) {
            results.add(send(s));
        }
        return results;
    }

    private QueryResult send(WriteStatement s) {
        return transport.execute(GraphQuery.write(graph, s.cypher(), s.parameters()));
    }

    private List<QueryResult> apply(WriteBatch batch) {
        return apply(writer(1000), batch);
    }

    /** A node row: {@code id} under the id property {@code id}, then the properties given as name, value, ... */
    protected static Map<String, Object> row(Object id, Object... props) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        for (int i = 0; i < props.length; i += 2) {
            r.put((String) props[i], props[i + 1]);
        }
        return r;
    }

    protected static Map<String, Object> edge(Object src, Object dst, Map<String, Object> props) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("src", src);
        r.put("dst", dst);
        if (props != null) {
            r.put("props", props);
        }
        return r;
    }

    private static Map<String, Object> version(Object id, Object version) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", id);
        r.put("version", version);
        return r;
    }

    private String string(String query) {
        GraphValue v = scalar(query, Map.of());
        return v instanceof StringValue s ? s.value() : null;
    }

    private long number(String query) {
        return ((IntegerValue) scalar(query, Map.of())).value();
    }

    @Test
    void anEmptyBatchHasNoStatements() {
        NodeShape s = NodeShape.of("CEmpty", "id", PERSON);
        assertEquals(List.of(), writer(1000).statements(WriteBatch.of(new WriteOperation.UpsertNodes(s, List.of()))));
        assertEquals(List.of(), writer(1000).statements(WriteBatch.of()));
    }

    @Test
    void nodesAreCreatedUpsertedAndDeletedInOrder() {
        NodeShape s = NodeShape.of("CNode", "id", PERSON);
        cypher("CREATE (:CNode {id: 1, name: 'old', age: 40, extra: 'kept'}), (:CNode {id: 2, name: 'gone'})", Map.of());
        List<QueryResult> results = apply(new WriteBatch(List.of(
                new WriteOperation.CreateNodes(s, List.of(row(10L, "name", "a", "age", 1L), row(11L, "name", "b", "age", null))),
                new WriteOperation.UpsertNodes(s, List.of(row(1L, "name", "new", "age", null), row(3L, "name", "c", "age", 3L))),
                new WriteOperation.DeleteNodes(s, List.of(2L, 404L))), false));
        assertFalse(results.isEmpty());
        assertEquals(4, count("(:CNode)"));
        assertEquals("new", string("MATCH (n:CNode {id: 1}) RETURN n.name"));
        assertEquals("kept", string("MATCH (n:CNode {id: 1}) RETURN n.extra"), "properties a row does not name are kept");
        assertEquals(0, count("(n:CNode {id: 1}) WHERE n.age IS NOT NULL"), "a null removes the property");
        assertEquals(1, count("(n:CNode {id: 11}) WHERE n.age IS NULL AND n.name = 'b'"), "a null is not stored by a create");
        assertEquals(1, number("MATCH (n:CNode {id: 10}) RETURN n.age"));
        assertEquals(1, count("(:CNode {id: 3, name: 'c', age: 3})"), "an upsert of a missing id creates the node");
        assertEquals(0, count("(:CNode {id: 2})"));
    }

    @Test
    void anUpsertNeverDuplicatesANode() {
        NodeShape s = NodeShape.of("CTwice", "id", PERSON);
        WriteBatch batch = WriteBatch.of(new WriteOperation.UpsertNodes(s, List.of(row(1L, "name", "a"))));
        apply(batch);
        apply(batch);
        assertEquals(1, count("(:CTwice)"));
    }

    @Test
    void nodesWithSeveralLabelsAreMergedUnderTheIdLabel() {
        NodeShape sub = new NodeShape(List.of("CSub", "CBase"), "CBase", "id", PERSON, false, List.of(), null);
        cypher("CREATE (:CBase {id: 1, name: 'base'})", Map.of());
        apply(WriteBatch.of(
                new WriteOperation.UpsertNodes(sub, List.of(row(1L, "name", "now sub"))),
                new WriteOperation.CreateNodes(sub, List.of(row(2L, "name", "new")))));
        assertEquals(2, count("(:CBase)"), "the existing node was found under its id label, not duplicated");
        assertEquals(2, count("(:CSub:CBase)"));
        assertEquals("now sub", string("MATCH (n:CSub {id: 1}) RETURN n.name"));
    }

    @Test
    void internedStringsAndVectorsAreStoredThroughTheirFunctions() {
        NodeShape s = NodeShape.of("CForms", "id", List.of(new PropertyShape("city", PropertyShape.Form.INTERNED),
                new PropertyShape("v", PropertyShape.Form.VECTOR)));
        apply(WriteBatch.of(
                new WriteOperation.CreateNodes(s, List.of(row(1L, "city", "Paris", "v", List.of(1.0, 2.0)))),
                new WriteOperation.UpsertNodes(s, List.of(row(2L, "city", "Lyon", "v", List.of(0.5, 0.25))))));
        assertEquals("Paris", string("MATCH (n:CForms {id: 1}) RETURN n.city"));
        for (long id : new long[] {1, 2}) {
            GraphValue v = scalar("MATCH (n:CForms {id: $id}) RETURN n.v", Map.of("id", id));
            assertInstanceOf(VectorValue.class, v, "stored as a vector: " + v);
        }
        assertEquals(0.25f, ((VectorValue) scalar("MATCH (n:CForms {id: 2}) RETURN n.v", Map.of())).values()[1]);
    }

    @Test
    void anOpenShapeKeepsPropertiesBeyondItsDeclaredOnes() {
        NodeShape s = new NodeShape(List.of("COpen"), "COpen", "id", PERSON, true, List.of(), null);
        apply(WriteBatch.of(new WriteOperation.CreateNodes(s, List.of(row(1L, "name", "a", "attrs.color", "red")))));
        assertEquals("red", string("MATCH (n:COpen {id: 1}) RETURN n.`attrs.color`"));
    }

    @Test
    void valuesTravelAsParametersAndAreStoredVerbatim() {
        NodeShape s = NodeShape.of("CValues", "id", PERSON);
        String nasty = "x' }) MATCH (m) DETACH DELETE m // `$name` \"\\";
        WriteBatch batch = WriteBatch.of(
                new WriteOperation.CreateNodes(s, List.of(row(1L, "name", nasty), row(2L, "name", nasty + "2"))),
                new WriteOperation.UpsertNodes(s, List.of(row(3L, "name", nasty))));
        for (WriteStatement st : writer(1000).statements(batch)) {
            assertFalse(st.cypher().contains("DETACH"), "a value went into the text: " + st.cypher());
        }
        apply(batch);
        assertEquals(3, count("(:CValues)"));
        assertEquals(nasty, string("MATCH (n:CValues {id: 1}) RETURN n.name"));
        assertEquals(nasty, string("MATCH (n:CValues {id: 3}) RETURN n.name"));
    }

    @Test
    void shapesRefuseNamesThatAreNotIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> NodeShape.of("A`) DELETE n //", "id", PERSON));
        assertThrows(IllegalArgumentException.class, () -> NodeShape.of("A", "id", List.of(PropertyShape.plain("a b"))));
        NodeShape s = NodeShape.of("A", "id", PERSON);
        assertThrows(IllegalArgumentException.class,
                () -> new EdgeShape("KNOWS]->() DELETE", Relationship.Direction.OUTGOING, s, s, false));
    }

    @Test
    void relationshipsAreMergedOncePerPairAndTheirPropertiesUpdated() {
        NodeShape s = NodeShape.of("CEdge", "id", PERSON);
        EdgeShape knows = new EdgeShape("KNOWS", Relationship.Direction.OUTGOING, s, s, true);
        cypher("UNWIND range(1, 3) AS i CREATE (:CEdge {id: i})", Map.of());
        WriteBatch batch = WriteBatch.of(new WriteOperation.Edges(EdgeChange.MERGE, knows,
                List.of(edge(1L, 2L, Map.of("since", 2020L)), edge(1L, 3L, Map.of("since", 1L)), edge(1L, 99L, Map.of()))));
        apply(batch);
        long first = number("MATCH (:CEdge {id: 1})-[r:KNOWS]->(:CEdge {id: 2}) RETURN id(r)");
        apply(batch);
        assertEquals(2, count("(:CEdge)-[:KNOWS]->(:CEdge)"), "once per pair; a missing endpoint is a no-op");
        assertEquals(3, count("(:CEdge)"), "a missing endpoint is not created");
        apply(WriteBatch.of(new WriteOperation.Edges(EdgeChange.MERGE, knows,
                List.of(edge(1L, 2L, Map.of("since", 2021L))))));
        assertEquals(2021, number("MATCH (:CEdge {id: 1})-[r:KNOWS]->(:CEdge {id: 2}) RETURN r.since"));
        assertEquals(first, number("MATCH (:CEdge {id: 1})-[r:KNOWS]->(:CEdge {id: 2}) RETURN id(r)"),
                "a property change updates the relationship in place");
    }

    @Test
    void directionsAreSeenFromTheOwningNode() {
        NodeShape a = NodeShape.of("CDirA", "id", PERSON);
        NodeShape b = NodeShape.of("CDirB", "id", PERSON);
        cypher("CREATE (:CDirA {id: 1}), (:CDirB {id: 2})", Map.of());
        apply(WriteBatch.of(
                new WriteOperation.Edges(EdgeChange.MERGE, new EdgeShape("IN", Relationship.Direction.INCOMING, a, b, false),
                        List.of(edge(1L, 2L, null))),
                new WriteOperation.Edges(EdgeChange.MERGE, new EdgeShape("ANY", Relationship.Direction.UNDIRECTED, a, b, false),
                        List.of(edge(1L, 2L, null)))));
        assertEquals(1, count("(:CDirB {id: 2})-[:IN]->(:CDirA {id: 1})"));
        assertEquals(1, count("(:CDirA)-[:ANY]-(:CDirB)"));
        apply(WriteBatch.of(new WriteOperation.Edges(EdgeChange.MERGE,
                new EdgeShape("ANY", Relationship.Direction.UNDIRECTED, a, b, false), List.of(edge(1L, 2L, null)))));
        assertEquals(1, count("(:CDirA)-[:ANY]-(:CDirB)"), "an undirected relationship in either direction counts");
    }

    @Test
    void relationshipsAreDeletedAndPruned() {
        NodeShape s = NodeShape.of("CPrune", "id", PERSON);
        EdgeShape knows = new EdgeShape("KNOWS", Relationship.Direction.OUTGOING, s, s, false);
        cypher("UNWIND range(1, 5) AS i CREATE (:CPrune {id: i})", Map.of());
        cypher("MATCH (a:CPrune {id: 1}), (b:CPrune) WHERE b.id > 1 CREATE (a)-[:KNOWS]->(b)", Map.of());
        cypher("MATCH (a:CPrune {id: 2}), (b:CPrune {id: 3}) CREATE (a)-[:KNOWS]->(b)", Map.of());
        Map<String, Object> prune = new HashMap<>();
        prune.put("src", 1L);
        prune.put("keep", List.of(2L, 3L));
        apply(WriteBatch.of(
                new WriteOperation.Edges(EdgeChange.DELETE, knows, List.of(edge(1L, 2L, null))),
                new WriteOperation.Edges(EdgeChange.PRUNE, knows, List.of(prune))));
        assertEquals(1, count("(:CPrune {id: 1})-[:KNOWS]->()"), "2 deleted, 4 and 5 pruned, 3 kept");
        assertEquals(1, count("(:CPrune {id: 1})-[:KNOWS]->(:CPrune {id: 3})"));
        assertEquals(1, count("(:CPrune {id: 2})-[:KNOWS]->(:CPrune {id: 3})"), "other sources are untouched");
    }

    @Test
    void operationsApplyInTheBatchOrder() {
        NodeShape s = NodeShape.of("COrder", "id", PERSON);
        EdgeShape knows = new EdgeShape("KNOWS", Relationship.Direction.OUTGOING, s, s, false);
        apply(WriteBatch.of(
                new WriteOperation.CreateNodes(s, List.of(row(1L, "name", "a"), row(2L, "name", "b"))),
                new WriteOperation.Edges(EdgeChange.MERGE, knows, List.of(edge(1L, 2L, null))),
                new WriteOperation.DeleteNodes(s, List.of(2L)),
                new WriteOperation.UpsertNodes(s, List.of(row(2L, "name", "again")))));
        assertEquals(0, count("()-[:KNOWS]->(:COrder)"), "the edge went with the deleted node");
        assertEquals(1, count("(:COrder {id: 2, name: 'again'})"), "the upsert after the delete made it again");
    }

    @Test
    void largeBatchesAreCutIntoStatementsOfAtMostTheChunkSize() {
        NodeShape s = NodeShape.of("CChunk", "id", PERSON);
        EdgeShape next = new EdgeShape("NEXT", Relationship.Direction.OUTGOING, s, s, false);
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (long i = 0; i < 250; i++) {
            nodes.add(row(i, "name", "n" + i, "age", i));
            if (i > 0) {
                edges.add(edge(i - 1, i, null));
            }
        }
        BatchWriter writer = writer(100);
        WriteBatch batch = WriteBatch.of(new WriteOperation.CreateNodes(s, nodes),
                new WriteOperation.Edges(EdgeChange.MERGE, next, edges));
        List<WriteStatement> statements = writer.statements(batch);
        for (WriteStatement st : statements) {
            assertTrue(st.rows() <= 100, "a statement of " + st.rows() + " rows");
        }
        assertEquals(499, statements.stream().mapToInt(WriteStatement::rows).sum(), "every row once");
        apply(writer, batch);
        assertEquals(250, count("(:CChunk)"));
        assertEquals(249, count("(:CChunk)-[:NEXT]->(:CChunk)"));
        assertEquals(31_125, number("MATCH (n:CChunk) RETURN toInteger(sum(n.age))"));
    }

    /**
     * FalkorDB checks a mandatory constraint when {@code MERGE} creates a node, before any
     * {@code SET}: a shape that {@link NodeShape#createsInline() creates inline} upserts new and
     * existing nodes of such a label in one batch, and a row without the property is refused whole.
     */
    @Test
    void upsertsOfALabelWithAMandatoryConstraintCreateNodesWhole() throws Exception {
        NodeShape s = new NodeShape(List.of("CMandatory", "CExtra"), "CMandatory", "id",
                List.of(PropertyShape.plain("title"), new PropertyShape("v", PropertyShape.Form.VECTOR)), false, List.of(), null, true);
        transport.command("GRAPH.CONSTRAINT", "CREATE", graph, "MANDATORY", "NODE", "CMandatory", "PROPERTIES", "1",
                "title");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!new StringValue("OPERATIONAL").equals(cypher("CALL db.constraints() YIELD label, status "
                + "WHERE label = 'CMandatory' RETURN status", Map.of()).scalar())) {
            assertTrue(System.nanoTime() < deadline, "the constraint did not become operational");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        apply(new WriteBatch(List.of(new WriteOperation.UpsertNodes(s, List.of(row(1L, "title", "one",
                "v", List.of(1.0, 2.0))))), true));
        apply(new WriteBatch(List.of(new WriteOperation.UpsertNodes(s, List.of(row(1L, "title", "one, again",
                "v", List.of(1.0, 2.0)), row(2L, "title", "two", "v", List.of(3.0, 4.0)), row(3L, "title", "three",
                "v", null)))), true));
        assertEquals(3, count("(:CMandatory:CExtra)"));
        assertEquals(List.of("one, again", "two", "three"), cypher("MATCH (n:CMandatory) WITH n ORDER BY n.id "
                + "WITH collect(n.title) AS titles RETURN titles", Map.of()).scalar().asJava());
        WriteBatch missing = new WriteBatch(List.of(new WriteOperation.UpsertNodes(s, List.of(row(5L, "title", null,
                "v", null)))), true);
        assertThrows(ConstraintViolationException.class, () -> apply(missing));
        assertEquals(3, count("(:CMandatory)"), "nothing of the refused statement was written");

        // every node created this way is in the label's vector index (FalkorDB 4.16 drops entries of a
        // node created and then set again in one statement)
        cypher("CREATE VECTOR INDEX FOR (n:CMandatory) ON (n.v) OPTIONS {dimension: 2, similarityFunction: 'euclidean'}",
                Map.of());
        List<Map<String, Object>> many = new ArrayList<>();
        for (long i = 100; i < 300; i++) {
            many.add(row(i, "title", "t" + i, "v", List.of((double) i, 1.0)));
        }
        apply(new WriteBatch(List.of(new WriteOperation.UpsertNodes(s, many)), true));
        assertEquals(200L, number("CALL db.idx.vector.queryNodes('CMandatory', 'v', 500, vecf32([200.0, 1.0])) "
                + "YIELD node WHERE node.id >= 100 RETURN count(node)"), "indexed nodes");
    }

    @Test
    void aUniqueViolationFailsItsStatementWithNothingOfItWritten() throws Exception {
        NodeShape s = new NodeShape(List.of("CUnique"), "CUnique", "id", List.of(PropertyShape.plain("email")), false,
                List.of("email"), null);
        createUniqueConstraint("CUnique", "email");
        apply(new WriteBatch(List.of(new WriteOperation.UpsertNodes(s, List.of(row(1L, "email", "a@x")))), true));
        WriteBatch clash = new WriteBatch(List.of(new WriteOperation.UpsertNodes(s, List.of(row(2L, "email", "a@x")))), true);
        assertThrows(ConstraintViolationException.class, () -> apply(clash));
        assertEquals(1, count("(:CUnique)"));
    }

    @Test
    void aGuardedStatementWritesNothingWhenItsConstraintIsMissing() throws Exception {
        NodeShape s = new NodeShape(List.of("CGuard"), "CGuard", "id", List.of(PropertyShape.plain("email")), false,
                List.of("email"), null);
        createUniqueConstraint("CGuard", "email");
        WriteBatch first = new WriteBatch(List.of(new WriteOperation.UpsertNodes(s, List.of(row(1L, "email", "a@x")))), true);
        List<WriteStatement> statements = writer(1000).statements(first);
        assertTrue(statements.stream().allMatch(WriteStatement::guarded));
        assertEquals(new BooleanValue(true), apply(first).get(0).scalar());
        assertEquals(1, count("(:CGuard)"));

        // Drop the constraint, not its index: on FalkorDB 4.16.3 a refused DROP INDEX of an index that
        // backs a constraint leaves it half-dropped, and the next node of that label crashes the server.
        transport.command("GRAPH.CONSTRAINT", "DROP", graph, "UNIQUE", "NODE", "CGuard", "PROPERTIES", "1", "email");
        WriteBatch second = new WriteBatch(List.of(new WriteOperation.CreateNodes(s, List.of(row(2L, "email", "b@x")))), true);
        QueryResult r = apply(second).get(0);
        assertEquals(new BooleanValue(false), r.scalar(), "the statement reports the missing constraint");
        assertEquals(0, count("(:CGuard {id: 2})"), "and wrote nothing");
    }

    @Test
    void versionChecksComeFirstAndAFailedOneWritesNothing() {
        NodeShape s = new NodeShape(List.of("CVersion"), "CVersion", "id",
                List.of(PropertyShape.plain("name"), PropertyShape.plain("ver")), false, List.of(), "ver");
        cypher("CREATE (:CVersion {id: 1, name: 'a', ver: 3})", Map.of());
        WriteBatch current = WriteBatch.of(
                new WriteOperation.CheckVersions(s, List.of(version(1L, 3L), version(2L, null))),
                new WriteOperation.UpsertNodes(s, List.of(row(1L, "name", "b", "ver", 4L), row(2L, "name", "new", "ver", 1L))));
        List<WriteStatement> statements = writer(1000).statements(current);
        assertTrue(statements.get(0).checksVersions(), "the first statement checks the versions");
        apply(current);
        assertEquals(1, count("(:CVersion {id: 1, name: 'b', ver: 4})"));
        assertEquals(1, count("(:CVersion {id: 2, name: 'new', ver: 1})"));

        // the same check again is stale now: the first statement fails and writes nothing
        WriteBatch stale = WriteBatch.of(
                new WriteOperation.CheckVersions(s, List.of(version(2L, 1L), version(1L, 3L))),
                new WriteOperation.UpsertNodes(s, List.of(row(2L, "name", "lost", "ver", 2L), row(1L, "name", "lost", "ver", 4L))));
        QueryException e = assertThrows(QueryException.class, () -> apply(stale));
        assertTrue(WriteCypher.isVersionConflict(e.getMessage()), e.getMessage());
        assertEquals(0, count("(:CVersion {name: 'lost'})"), "nothing of the statement was written");

        // a check that only states the node must not exist yet
        WriteBatch exists = WriteBatch.of(new WriteOperation.CheckVersions(s, List.of(version(1L, null))),
                new WriteOperation.UpsertNodes(s, List.of(row(1L, "name", "lost"))));
        assertThrows(QueryException.class, () -> apply(exists));
        assertEquals(0, count("(:CVersion {name: 'lost'})"));
    }

    private static NodeShape versioned(String label) {
        return new NodeShape(List.of(label), label, "id", List.of(PropertyShape.plain("name"), PropertyShape.plain("ver")),
                false, List.of(), "ver");
    }

    /**
     * Version checks of two shapes (or two check operations) in one batch pass when current (an
     * earlier total must not be a grouping key in the expression that adds the next one).
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
     * {@link WriteStatement#guarded()}: a guarded statement whose guard fails writes nothing, also
     * the operations around the guarded one in the same statement (a filtered row would come back
     * after the next {@code count(*)} barrier), so the mapper can repeat it after creating the
     * constraints without duplicating anything.
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
        boolean reported = false;
        for (WriteStatement s : writer(1000).statements(batch)) {
            long before = count("(n)");
            QueryResult r = transport.execute(GraphQuery.write(graph, s.cypher(), s.parameters()));
            if (s.guarded() && new BooleanValue(false).equals(r.scalar())) {
                assertEquals(before, count("(n)"), "a guarded statement reported its constraint missing but wrote: "
                        + s.cypher());
                assertEquals(0, r.statistics().propertiesSet(), "and set properties: " + s.cypher());
                reported = true;
                break; // as the mapper does: it repeats this statement once the constraints are back
            }
        }
        assertTrue(reported, "the guard of the unique shape reported the missing constraint");
        assertEquals(0, count("(:RvGuardUnique)"));
    }

    @Test
    void aLaterStatementChecksAgainTheVersionsOfTheNodesItWrites() {
        NodeShape s = versioned("CVerLater");
        cypher("UNWIND [1, 2] AS i CREATE (:CVerLater {id: i, name: 'old', ver: 1})", Map.of());
        WriteBatch batch = WriteBatch.of(
                new WriteOperation.CheckVersions(s, List.of(version(1L, 1L), version(2L, 1L))),
                new WriteOperation.UpsertNodes(s, List.of(row(1L, "name", "new", "ver", 2L), row(2L, "name", "new", "ver", 2L))));
        List<WriteStatement> statements = writer(1).statements(batch);
        if (statements.size() < 2) {
            return; // one statement: nothing can come between its check and its write
        }
        transport.execute(GraphQuery.write(graph, statements.get(0).cypher(), statements.get(0).parameters()));
        cypher("MATCH (n:CVerLater {id: 2}) SET n.ver = 5, n.name = 'theirs'", Map.of()); // another writer, in between
        QueryException e = assertThrows(QueryException.class, () -> {
            for (WriteStatement st : statements.subList(1, statements.size())) {
                transport.execute(GraphQuery.write(graph, st.cypher(), st.parameters()));
            }
        });
        assertTrue(WriteCypher.isVersionConflict(e.getMessage()), e.getMessage());
        assertEquals("theirs", string("MATCH (n:CVerLater {id: 2}) RETURN n.name"), "the other writer's change stays");
    }

    /** Creates a unique constraint (with its range index) and waits until it is operational. */
    protected void createUniqueConstraint(String label, String property) {
        cypher("CREATE INDEX FOR (n:" + WriteCypher.quote(label) + ") ON (n." + WriteCypher.quote(property) + ")", Map.of());
        transport.command("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", "1", property);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            QueryResult r = cypher("CALL db.constraints() YIELD label, properties, status WHERE label = $l "
                    + "AND properties = [$p] RETURN status", Map.of("l", label, "p", property));
            if (!r.isEmpty() && new StringValue("OPERATIONAL").equals(r.scalar())) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the constraint did not become operational");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
