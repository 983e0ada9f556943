package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.GraphNotFoundException;
import dev.falkor.orm.api.InvalidParameterException;
import dev.falkor.orm.api.InvalidQueryException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.api.QuerySyntaxException;
import dev.falkor.orm.api.QueryTimeoutException;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.DateTimeValue;
import dev.falkor.orm.spi.value.DateValue;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.DurationValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.PathValue;
import dev.falkor.orm.spi.value.PointValue;
import dev.falkor.orm.spi.value.RelationshipValue;
import dev.falkor.orm.spi.value.StringValue;
import dev.falkor.orm.spi.value.TimeValue;
import dev.falkor.orm.spi.value.VectorValue;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link dev.falkor.orm.spi.Transport} must meet, run against a real
 * server. A provider module extends this class and returns its provider; nothing else.
 */
public abstract class TransportContract extends GraphTest {

    /** The provider under test. */
    @Override
    protected abstract TransportProvider provider();

    private GraphValue returnParam(Object value) {
        Map<String, Object> p = new HashMap<>();
        p.put("p", value);
        return transport.execute(GraphQuery.read(graph, "RETURN $p", p)).scalar();
    }

    private GraphValue eval(String expression) {
        return transport.execute(GraphQuery.read(graph, "RETURN " + expression, Map.of())).scalar();
    }

    @Test
    void providerIsNamed() {
        assertEquals(provider().name(), transport.providerName());
        assertTrue(provider().name().matches("[a-z][a-z0-9-]*"), "provider names are lower-case words");
    }

    @Test
    void scalarParametersRoundTrip() {
        assertEquals(NullValue.INSTANCE, returnParam(null));
        assertEquals(new BooleanValue(true), returnParam(true));
        assertEquals(new BooleanValue(false), returnParam(false));
        assertEquals(new IntegerValue(Long.MAX_VALUE), returnParam(Long.MAX_VALUE));
        assertEquals(new IntegerValue(Long.MIN_VALUE), returnParam(Long.MIN_VALUE));
        assertEquals(new IntegerValue(0), returnParam(0));
        assertEquals(new IntegerValue(-7), returnParam((short) -7));
        assertEquals(new DoubleValue(2.5), returnParam(2.5));
        assertEquals(new DoubleValue(-0.0), returnParam(-0.0));
        assertEquals(new DoubleValue(1.5f), returnParam(1.5f));
        assertEquals(new StringValue(""), returnParam(""));
        assertEquals(new StringValue("héllo 😀"), returnParam("héllo 😀"));
    }

    @Test
    void listsAndMapsRoundTripNested() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", Arrays.asList(true, null, "x"));
        inner.put("with space", -1L);
        List<Object> list = List.of(1L, 2.5, "s", List.of(), inner);
        GraphValue got = returnParam(list);
        assertEquals(list.size(), ((ListValue) got).values().size());
        assertEquals(Arrays.asList(1L, 2.5, "s", List.of(), Map.of("k", Arrays.asList(true, null, "x"), "with space", -1L)),
                got.asJava());
        assertEquals(List.of(1L, 2L, 3L), returnParam(new int[] {1, 2, 3}).asJava());
        assertEquals(Map.of(), returnParam(Map.of()).asJava());
    }

    @Test
    void graphStructuresDecode() {
        QueryResult created = transport.execute(GraphQuery.write(graph,
                "CREATE (a:Person:Employee {name: $a, age: 41})-[r:KNOWS {since: 2001, w: 0.5}]->(b:Person {name: $b}) "
                        + "WITH a, r, b MATCH p = (a)-[r]->(b) RETURN a, r, b, p",
                Map.of("a", "Ann", "b", "Bob")));
        assertEquals(List.of("a", "r", "b", "p"), created.columns());
        assertEquals(2, created.statistics().nodesCreated());
        assertEquals(1, created.statistics().relationshipsCreated());
        List<GraphValue> row = created.rows().get(0);
        NodeValue a = assertInstanceOf(NodeValue.class, row.get(0));
        RelationshipValue r = assertInstanceOf(RelationshipValue.class, row.get(1));
        NodeValue b = assertInstanceOf(NodeValue.class, row.get(2));
        PathValue p = assertInstanceOf(PathValue.class, row.get(3));
        assertEquals(List.of("Person", "Employee"), a.labels());
        assertEquals(new StringValue("Ann"), a.property("name"));
        assertEquals(new IntegerValue(41), a.property("age"));
        assertEquals("KNOWS", r.type());
        assertEquals(a.id(), r.startId());
        assertEquals(b.id(), r.endId());
        assertEquals(new IntegerValue(2001), r.property("since"));
        assertEquals(new DoubleValue(0.5), r.property("w"));
        assertEquals(List.of(a, b), p.nodes());
        assertEquals(List.of(r), p.relationships());

        // Labels, types and keys created after the name cache was filled are resolved on a miss.
        QueryResult later = transport.execute(GraphQuery.write(graph,
                "CREATE (c:Brand_New_Label {fresh_key: 1})-[:NEW_TYPE {other_key: 'v'}]->(c) RETURN c, [(c)-[e]->() | e][0]",
                Map.of()));
        NodeValue c = (NodeValue) later.rows().get(0).get(0);
        RelationshipValue e = (RelationshipValue) later.rows().get(0).get(1);
        assertEquals(List.of("Brand_New_Label"), c.labels());
        assertEquals(new IntegerValue(1), c.property("fresh_key"));
        assertEquals("NEW_TYPE", e.type());
        assertEquals(new StringValue("v"), e.property("other_key"));
    }

    @Test
    void serverValueTypesDecode() {
        assertEquals(new PointValue(1.5, -2.25), eval("point({latitude: 1.5, longitude: -2.25})"));
        VectorValue v = assertInstanceOf(VectorValue.class,
                transport.execute(GraphQuery.read(graph, "RETURN vecf32($v)", Map.of("v", List.of(1.0, -2.5, 0.125)))).scalar());
        assertArrayEquals(new float[] {1.0f, -2.5f, 0.125f}, v.values());
        assertEquals(new DateTimeValue(LocalDateTime.of(2020, 1, 1, 10, 11, 12)),
                transport.execute(GraphQuery.read(graph, "RETURN localdatetime($s)", Map.of("s", "2020-01-01T10:11:12"))).scalar());
        assertEquals(new DateValue(LocalDate.of(1969, 7, 20)), eval("date('1969-07-20')"));
        assertEquals(new DateValue(LocalDate.of(2024, 2, 29)), eval("date('2024-02-29')"));
        assertEquals(new TimeValue(LocalTime.of(23, 59, 58)), eval("localtime('23:59:58')"));
        assertEquals(new DurationValue(Duration.ofDays(1).plusHours(2).plusSeconds(3)), eval("duration('P1DT2H3S')"));
        MapValue m = assertInstanceOf(MapValue.class, eval("{a: 1, b: [true], c: {d: null}}"));
        assertEquals(new IntegerValue(1), m.get("a"));
        assertEquals(new ListValue(List.of(new BooleanValue(true))), m.get("b"));
        assertEquals(new MapValue(Map.of("d", NullValue.INSTANCE)), m.get("c"));
    }

    @Test
    void randomStringsComeBackExactlyAndCannotInject() {
        RandomCases cases = RandomCases.create();
        // Batch several strings per query to keep thousands of cases fast.
        for (int batch = 0; batch < 100; batch++) {
            Map<String, Object> params = new LinkedHashMap<>();
            StringBuilder ret = new StringBuilder("RETURN ");
            for (int i = 0; i < 30; i++) {
                params.put("p" + i, cases.nastyString(40));
                ret.append(i == 0 ? "" : ", ").append("$p").append(i);
            }
            QueryResult r = transport.execute(GraphQuery.read(graph, ret.toString(), params));
            assertEquals(1, r.rows().size(), cases.describe("one row"));
            for (int i = 0; i < 30; i++) {
                assertEquals(new StringValue((String) params.get("p" + i)), r.rows().get(0).get(i),
                        cases.describe("string p" + i));
            }
        }
        // Strings that try to break out are stored verbatim and change nothing else.
        String evil = "x\"}) MATCH (n) DETACH DELETE n RETURN 1 //' \\\" `";
        transport.execute(GraphQuery.write(graph, "CREATE (:Evil {s: $s})", Map.of("s", evil)));
        assertEquals(new StringValue(evil), transport.execute(GraphQuery.read(graph,
                "MATCH (e:Evil) RETURN e.s", Map.of())).scalar());
        assertTrue(count("(n)") >= 1);
    }

    @Test
    void whatTheServerCannotHoldIsRejectedBeforeSending() {
        long before = nodeCount();
        InvalidParameterException nul = assertThrows(InvalidParameterException.class, () -> transport.execute(
                GraphQuery.write(graph, "CREATE (:Bad {s: $text})", Map.of("text", "a\0b"))));
        assertEquals("text", nul.parameter());
        assertTrue(nul.getMessage().contains("NUL"), nul.getMessage());
        assertTrue(nul.getMessage().contains("CREATE (:Bad {s: $text})"), "message names the query: " + nul.getMessage());
        assertFalse(nul.getMessage().contains("a\0b"), "message must not carry the value");

        InvalidParameterException nan = assertThrows(InvalidParameterException.class, () -> transport.execute(
                GraphQuery.write(graph, "CREATE (:Bad {d: $d})", Map.of("d", List.of(1.0, Double.NaN)))));
        assertEquals("d[1]", nan.parameter());
        assertThrows(InvalidParameterException.class, () -> returnParam(Double.POSITIVE_INFINITY));
        InvalidParameterException type = assertThrows(InvalidParameterException.class, () -> returnParam(new Object()));
        assertTrue(type.getMessage().contains("java.lang.Object"), type.getMessage());
        assertThrows(InvalidParameterException.class, () -> returnParam("\uD800 lone surrogate"));
        assertThrows(InvalidParameterException.class, () -> transport.execute(
                GraphQuery.read(graph, "RETURN 1", Map.of("bad name", 1))));
        assertThrows(InvalidParameterException.class, () -> returnParam(Map.of("a`b", 1)));
        assertEquals(before, nodeCount(), "nothing was written");
    }

    @Test
    void doublesArriveAsTheServerPrintsThem() {
        // The server prints doubles with 15 significant digits; a transport must hand them on
        // unchanged (the mapper's exact path, tested in core, builds on exactly that).
        List<Double> printable = List.of(0.5, -0.0, 1e300, -123.25, 6.02214076e23, 1e-300, 0.1, 2.5e-5);
        QueryResult r = transport.execute(GraphQuery.read(graph, "UNWIND $vs AS v RETURN v", Map.of("vs", printable)));
        for (int i = 0; i < printable.size(); i++) {
            double got = ((dev.falkor.orm.spi.value.DoubleValue) r.rows().get(i).get(0)).value();
            assertEquals(Double.doubleToRawLongBits(printable.get(i)), Double.doubleToRawLongBits(got),
                    "double " + printable.get(i) + " came back as " + got);
        }
        assertEquals(0.3, ((dev.falkor.orm.spi.value.DoubleValue) eval("0.1 + 0.2")).value(),
                "and rounded to 15 digits where it is not exact: the mapper reads those another way");
    }

    @Test
    void longsAndStringsSurviveStorage() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("max", Long.MAX_VALUE);
        props.put("min", Long.MIN_VALUE);
        props.put("s", "line1\nline2\t\"q\" 'a' \\ 😀");
        props.put("list", List.of(1L, 2L, 3L));
        props.put("strings", List.of("a", "", "b'\""));
        transport.execute(GraphQuery.write(graph, "CREATE (n:Stored) SET n = $props", Map.of("props", props)));
        QueryResult r = transport.execute(GraphQuery.read(graph, "MATCH (n:Stored) RETURN n", Map.of()));
        NodeValue n = (NodeValue) r.scalar();
        assertEquals(props, n.properties().entrySet().stream().collect(LinkedHashMap::new,
                (m, e) -> m.put(e.getKey(), e.getValue().asJava()), Map::putAll));
    }

    @Test
    void errorsAreTypedAndCarryQueryAndParameterNames() {
        QuerySyntaxException syntax = assertThrows(QuerySyntaxException.class, () -> transport.execute(
                GraphQuery.read(graph, "RETRN $secret", Map.of("secret", "hunter2"))));
        assertEquals("RETRN $secret", syntax.query());
        assertEquals(List.of("secret"), syntax.parameterNames());
        assertEquals(graph, syntax.graph());
        assertFalse(syntax.getMessage().contains("hunter2"), "values never appear in messages");

        assertThrows(QuerySyntaxException.class, () -> eval("no_such_function(1)"));
        assertThrows(GraphNotFoundException.class, () -> transport.execute(
                GraphQuery.read(graph + "_missing", "RETURN 1", Map.of())));
        QueryException readOnly = assertThrows(QueryException.class, () -> transport.execute(
                GraphQuery.read(graph, "CREATE (:ShouldNotExist)", Map.of())));
        assertTrue(readOnly.getMessage().toLowerCase().contains("read-only"), readOnly.getMessage());
        assertEquals(0, count("(n:ShouldNotExist)"));
    }

    @Test
    void aQueryOverItsTimeoutFailsFastAsQueryTimeout() {
        // A cartesian product of two small lists: nothing big is built before the first row, so
        // the server checks the timeout right away (9M rows take about a second without it). A
        // single huge UNWIND range would first build the whole list, untimed.
        String slow = "UNWIND range(1, 3000) AS x UNWIND range(1, 3000) AS y RETURN count(*)";
        long start = System.nanoTime();
        QueryTimeoutException timeout = assertThrows(QueryTimeoutException.class, () -> transport.execute(
                GraphQuery.read(graph, slow, Map.of()).withTimeout(Duration.ofMillis(5))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(slow, timeout.query());
        assertEquals(graph, timeout.graph());
        assertTrue(timeout.getMessage().contains("Query timed out"), timeout.getMessage());
        assertTrue(millis < 5_000, "the server aborts within its timeout, took " + millis + " ms");
    }

    @Test
    void graphNamesAndStatementsWithNulAreRejectedBeforeSending() {
        // FalkorDB reads both as C strings: "g\0x" would be graph "g", and the text after a NUL
        // would be dropped silently.
        String victim = graph + "_nul";
        transport.execute(GraphQuery.write(victim, "CREATE (:Victim)"));
        try {
            InvalidQueryException name = assertThrows(InvalidQueryException.class,
                    () -> GraphQuery.write(victim + "\0other", "MATCH (n) DETACH DELETE n"));
            assertTrue(name.getMessage().contains("NUL"), name.getMessage());
            assertTrue(name.getMessage().contains(victim + "\\0other"), "the name is shown escaped: " + name.getMessage());
            InvalidQueryException text = assertThrows(InvalidQueryException.class,
                    () -> GraphQuery.write(victim, "CREATE (:Kept)\0 WITH 1 AS x MATCH (n) DETACH DELETE n"));
            assertTrue(text.getMessage().contains("NUL"), text.getMessage());
            InvalidQueryException delete = assertThrows(InvalidQueryException.class,
                    () -> transport.deleteGraph(victim + "\0other"));
            assertTrue(delete.getMessage().contains("NUL"), delete.getMessage());
            assertThrows(InvalidQueryException.class, () -> transport.command("GRAPH.QUERY", victim + "\0", "MATCH (n) DELETE n"));
            assertThrows(InvalidQueryException.class, () -> GraphQuery.write(victim, "RETURN 1").withTimeout(Duration.ZERO));
            assertEquals(new IntegerValue(1), transport.execute(GraphQuery.read(victim,
                    "MATCH (n:Victim) RETURN count(n)", Map.of())).scalar(), "the graph before the NUL is untouched");
        } finally {
            transport.deleteGraph(victim);
        }
    }

    @Test
    void uniqueConstraintViolationIsTyped() {
        transport.execute(GraphQuery.write(graph, "CREATE INDEX FOR (u:Uniq) ON (u.k)"));
        assertEquals("PENDING", String.valueOf(transport.command("GRAPH.CONSTRAINT", "CREATE", graph,
                "UNIQUE", "NODE", "Uniq", "PROPERTIES", "1", "k")));
        awaitConstraint();
        transport.execute(GraphQuery.write(graph, "CREATE (:Uniq {k: $k})", Map.of("k", 1)));
        ConstraintViolationException dup = assertThrows(ConstraintViolationException.class, () -> transport.execute(
                GraphQuery.write(graph, "CREATE (:Uniq {k: $k}), (:UniqSide)", Map.of("k", 1))));
        assertEquals(List.of("k"), dup.parameterNames());
        assertEquals(1, count("(u:Uniq)"));
        assertEquals(0, count("(u:UniqSide)"), "the failed query left nothing");
    }

    private void awaitConstraint() {
        // Constraint creation is asynchronous on the server; poll its status (bounded).
        for (int i = 0; i < 500; i++) {
            QueryResult r = transport.execute(GraphQuery.read(graph,
                    "CALL db.constraints() YIELD label, status WHERE label = 'Uniq' RETURN status", Map.of()));
            if (!r.isEmpty() && r.scalar().equals(new StringValue("OPERATIONAL"))) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("constraint never became OPERATIONAL");
    }

    @Test
    void manyThreadsShareOneTransport() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 100; i++) {
                        String label = "T" + thread; // new labels race through the name cache
                        QueryResult r = transport.execute(GraphQuery.write(graph,
                                "CREATE (n:" + label + " {thread: $t, i: $i, key_" + thread + ": $s}) RETURN n",
                                Map.of("t", thread, "i", i, "s", "v" + thread + "_" + i)));
                        NodeValue n = (NodeValue) r.scalar();
                        assertEquals(List.of(label), n.labels());
                        assertEquals(new IntegerValue(thread), n.property("thread"));
                        assertEquals(new IntegerValue(i), n.property("i"));
                        assertEquals(new StringValue("v" + thread + "_" + i), n.property("key_" + thread));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < 16; t++) {
            assertEquals(100, count("(n:T" + t + ")"));
        }
    }

    @Test
    void graphsCanBeListedAndDeleted() {
        String other = graph + "_tmp";
        transport.execute(GraphQuery.write(other, "CREATE (:X)"));
        assertTrue(transport.listGraphs().contains(other));
        transport.deleteGraph(other);
        assertFalse(transport.listGraphs().contains(other));
        transport.deleteGraph(other); // idempotent
    }

    @Test
    void nodesAreDecodedWithCurrentNamesAfterAnotherClientRecreatesTheGraph() throws Exception {
        String g = graph + "_recreated";
        try (dev.falkor.orm.spi.Transport other = provider().create(SharedServer.config())) {
            transport.execute(GraphQuery.write(g, "CREATE (:A {first: 1, second: 'two'})"));
            NodeValue before = (NodeValue) transport.execute(GraphQuery.read(g, "MATCH (n) RETURN n", Map.of())).scalar();
            assertEquals(new IntegerValue(1), before.property("first"));
            // another client drops the graph and re-creates it with the ids meaning other names
            other.deleteGraph(g);
            other.execute(GraphQuery.write(g, "CREATE (:B {second: 'b', third: 3})"));
            other.execute(GraphQuery.write(g, "MATCH (n) DELETE n"));
            other.execute(GraphQuery.write(g, "CREATE (:A {third: 30, first: 10})"));
            NodeValue after = (NodeValue) transport.execute(GraphQuery.read(g, "MATCH (n:A) RETURN n", Map.of())).scalar();
            assertEquals(List.of("A"), after.labels());
            assertEquals(Map.of("third", new IntegerValue(30), "first", new IntegerValue(10)), after.properties());
            // the asynchronous path refreshes names the same way
            other.deleteGraph(g);
            other.execute(GraphQuery.write(g, "CREATE (:C {zeta: 'z'}), (:A {first: 5})"));
            NodeValue async = (NodeValue) transport.executeAsync(GraphQuery.read(g, "MATCH (n:A) RETURN n", Map.of()))
                    .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS).scalar();
            assertEquals(List.of("A"), async.labels());
            assertEquals(Map.of("first", new IntegerValue(5)), async.properties());
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    void aRepeatedNodeQueryChecksNamesInTheSameRoundTripAndStaysCorrect() {
        String g = graph + "_repeat";
        String q = "MATCH (n:A) RETURN n, 10 / $d AS x";
        try (dev.falkor.orm.spi.Transport other = provider().create(SharedServer.config())) {
            transport.execute(GraphQuery.write(g, "CREATE (:A {first: 1, second: 'two'})"));
            for (int round = 0; round < 3; round++) {
                // the first run learns that the statement returns nodes; later ones send the name check with it
                NodeValue n = (NodeValue) transport.execute(GraphQuery.read(g, q, Map.of("d", 2))).rows().get(0).get(0);
                assertEquals(List.of("A"), n.labels());
                assertEquals(round == 0 ? Map.of("first", new IntegerValue(1), "second", new StringValue("two"))
                        : Map.of("third", new IntegerValue(3 + round), "first", new IntegerValue(round)), n.properties());
                other.deleteGraph(g);
                other.execute(GraphQuery.write(g, "CREATE (:Z {zz: 0, third: 0})"));
                other.execute(GraphQuery.write(g, "MATCH (z:Z) DELETE z"));
                other.execute(GraphQuery.write(g, "CREATE (:A {third: $t, first: $f})", Map.of("t", 4 + round, "f", round + 1)));
            }
            // a failing statement on the pipelined path reports its own error and leaves the connection usable
            assertThrows(dev.falkor.orm.api.QueryException.class,
                    () -> transport.execute(GraphQuery.read(g, q, Map.of("d", 0))));
            assertEquals(new IntegerValue(5), transport.execute(GraphQuery.read(g, q, Map.of("d", 2))).rows().get(0).get(1));
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    void asyncQueriesReturnResultsAndTypedFailures() throws Exception {
        QueryResult r = transport.executeAsync(GraphQuery.read(graph, "RETURN $x + 1", Map.of("x", 41)))
                .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(new IntegerValue(42), r.scalar());
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> transport.executeAsync(GraphQuery.read(graph, "RETURN nosuchfunction(1)", Map.of()))
                        .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof dev.falkor.orm.api.QueryException, String.valueOf(e.getCause()));
    }

    private long nodeCount() {
        return count("(n)");
    }
}
