package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.core.internal.query.ExactReturn;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NodeValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Doubles read by user-written queries ({@code FalkorOrm.query} and {@code @Query} methods) come
 * back bit-for-bit: scalar columns, lists, and projections built from columns. The server prints
 * doubles with 15 significant digits; the final RETURN is rewritten ({@link ExactReturn}), and
 * the rewrite must not change anything else: same header, same rows, same order.
 */
class ExactQueryDoublesTest extends GraphTestSupport {
    private static final long SEED = 0x5EED_0008L;
    private static final int VALUES = 2_000;

    @Node("Reading")
    static class Reading {
        @Id Long id;
        double value;

        Reading() {
        }
    }

    interface ValueView {
        long getId();

        double getValue();
    }

    record ValueRecord(long id, Double value) {
    }

    record ValueList(String label, List<Double> values) {
    }

    record OnlyValue(double value) {
    }

    interface ReadingRepository extends Repository<Reading, Long> {
        @Query("MATCH (r:Reading) RETURN r.value ORDER BY r.id")
        List<Double> values();

        @Query("MATCH (r:Reading {id: $id}) RETURN r.value")
        double value(long id);

        @Query("MATCH (r:Reading {id: $id}) RETURN r.value AS v")
        Optional<Float> floatValue(long id);

        @Query("MATCH (r:Reading) RETURN r.id AS id, r.value AS value ORDER BY r.id")
        List<ValueView> views();

        @Query("MATCH (r:Reading) RETURN r.value AS value, r.id AS id ORDER BY id")
        List<ValueRecord> records();

        @Query("MATCH (r:Reading) WITH r ORDER BY r.id RETURN collect(r.value)")
        Optional<List<Double>> allValues();

        @Query("MATCH (r:Reading) RETURN r.value AS value ORDER BY r.id")
        Page<Double> page(Pageable pageable);

        @Query(value = "MATCH (r:Reading {id: $id}) SET r.touched = true RETURN r.value", write = true)
        double touch(long id);

        @Query("MATCH (r:Reading) RETURN r.id ORDER BY r.id")
        List<Long> ids();

        @Query("MATCH (r:Reading) RETURN r ORDER BY r.id")
        List<ValueView> nodeViews();
    }

    interface UnionRepository extends Repository<Reading, Long> {
        @Query("MATCH (r:Reading) RETURN r.value AS v UNION MATCH (r:Reading) RETURN r.value AS v")
        List<Double> union();
    }

    interface UnionOfStringsRepository extends Repository<Reading, Long> {
        @Query("MATCH (r:Reading) RETURN toString(r.id) AS v UNION MATCH (r:Reading) RETURN 'x' AS v")
        List<String> union();
    }

    private ReadingRepository readings;
    private final double[] expected = new double[VALUES];

    @BeforeAll
    void seed() {
        readings = orm.repository(ReadingRepository.class);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_VALUE), Double.MAX_VALUE, -Double.MAX_VALUE,
            Math.nextDown(Double.MAX_VALUE), 0.1 + 0.2, 1.0000000000000002, 0.9999999999999999, 1.0, -1.0, 0.1,
            1.0 / 3, Math.PI, Math.E, 9007199254740992.0, 9007199254740994.0, 1e16, 123456789012345680.0, 1e-300,
            4.9e-322, 2.2250738585072014E-308, 1.7976931348623157E308, 5e-324 * 3, 0.5, 0.25, 1e15 + 0.3, 100.0};
        Random random = new Random(SEED);
        int n = 0;
        for (double d : special) {
            expected[n++] = d;
        }
        while (n < VALUES) {
            long bits = random.nextLong();
            if (n % 10 == 0) {
                bits &= 0x800F_FFFF_FFFF_FFFFL; // a subnormal (or zero), either sign
            }
            double d = Double.longBitsToDouble(bits);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue; // the server cannot store them
            }
            expected[n++] = d;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < VALUES; i++) {
            rows.add(Map.of("id", (long) i, "value", expected[i]));
        }
        cypher("UNWIND $rows AS row CREATE (:Reading {id: row.id, value: row.value})", Map.of("rows", rows));
        assertEquals(VALUES, count("(r:Reading)"));
    }

    private void assertExact(List<? extends Number> actual) {
        assertEquals(VALUES, actual.size());
        for (int i = 0; i < VALUES; i++) {
            assertBits(expected[i], actual.get(i).doubleValue(), "row " + i);
        }
    }

    private static void assertBits(double want, double got, String where) {
        if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got)) {
            throw new AssertionError(where + ": expected " + want + " (" + Long.toHexString(Double.doubleToRawLongBits(want))
                    + ") but got " + got + " (" + Long.toHexString(Double.doubleToRawLongBits(got)) + ")");
        }
    }

    @Test
    void theServerAloneRoundsThem() {
        // without the rewrite (Number opts out) the 15 printed digits lose bits: the test data can tell
        List<Number> plain = orm.query("MATCH (r:Reading) RETURN r.value ORDER BY r.id").list(Number.class);
        long wrong = 0;
        for (int i = 0; i < VALUES; i++) {
            if (Double.doubleToRawLongBits(plain.get(i).doubleValue()) != Double.doubleToRawLongBits(expected[i])) {
                wrong++;
            }
        }
        assertTrue(wrong > VALUES / 2, "only " + wrong + " values were rounded");
    }

    @Test
    void scalarColumnsThroughFalkorOrmQuery() {
        assertExact(orm.query("MATCH (r:Reading) RETURN r.value ORDER BY r.id").list(Double.class));
        assertExact(orm.query("MATCH (r:Reading) RETURN r.value AS v ORDER BY r.id SKIP $s LIMIT $l")
                .param("s", 0).param("l", VALUES).stream(Double.class).toList());
        assertExact(orm.query("MATCH (r:Reading) RETURN r.value ORDER BY r.id").list(double.class));
        List<Float> floats = orm.query("MATCH (r:Reading) RETURN r.value ORDER BY r.id").list(Float.class);
        for (int i = 0; i < VALUES; i++) {
            assertEquals((float) expected[i], floats.get(i), "row " + i);
        }
        assertBits(expected[11], orm.query("MATCH (r:Reading {id: $id}) RETURN r.value").param("id", 11L)
                .one(Double.class).orElseThrow(), "one");
        // writes are rewritten the same way
        assertBits(expected[12], orm.query("MATCH (r:Reading {id: $id}) SET r.seen = true RETURN r.value")
                .param("id", 12L).write().one(Double.class).orElseThrow(), "write");
    }

    @Test
    void scalarColumnsThroughQueryMethods() {
        assertExact(readings.values());
        for (int i = 0; i < 40; i++) {
            assertBits(expected[i], readings.value(i), "value(" + i + ")");
            assertEquals((float) expected[i], readings.floatValue(i).orElseThrow(), "floatValue(" + i + ")");
        }
        assertBits(expected[5], readings.touch(5), "touch");
        assertExact(readings.allValues().orElseThrow());
        Page<Double> p = readings.page(Pageable.of(3, 100));
        assertEquals(VALUES, p.totalElements());
        for (int i = 0; i < 100; i++) {
            assertBits(expected[300 + i], p.content().get(i), "page row " + i);
        }
        assertEquals(VALUES, readings.ids().size()); // not rewritten: no doubles
    }

    @Test
    void projectionsBuiltFromColumns() {
        List<ValueView> views = readings.views();
        List<ValueRecord> records = readings.records();
        List<ValueRecord> viaQuery = orm.query("MATCH (r:Reading) RETURN r.id AS id, r.value AS value ORDER BY r.id")
                .list(ValueRecord.class);
        for (int i = 0; i < VALUES; i++) {
            assertEquals(i, views.get(i).getId());
            assertBits(expected[i], views.get(i).getValue(), "interface projection row " + i);
            assertEquals(i, records.get(i).id());
            assertBits(expected[i], records.get(i).value(), "record projection row " + i);
            assertBits(expected[i], viaQuery.get(i).value(), "FalkorOrm.query record row " + i);
        }
        ValueList list = orm.query("MATCH (r:Reading) WITH r ORDER BY r.id RETURN 'all' AS label, collect(r.value) AS values")
                .one(ValueList.class).orElseThrow();
        assertEquals("all", list.label());
        assertExact(list.values());
    }

    /** A lone node column read as a projection: the node's double properties are read exactly too. */
    @Test
    void projectionsOfANodeColumn() {
        List<ValueRecord> viaQuery = orm.query("MATCH (r:Reading) RETURN r ORDER BY r.id").list(ValueRecord.class);
        List<ValueView> viaMethod = readings.nodeViews();
        for (int i = 0; i < VALUES; i++) {
            assertEquals(i, viaQuery.get(i).id());
            assertBits(expected[i], viaQuery.get(i).value(), "FalkorOrm.query node projection row " + i);
            assertBits(expected[i], viaMethod.get(i).getValue(), "@Query node projection row " + i);
        }
        // a lone column of values, and a procedure's node
        assertBits(expected[3], orm.query("MATCH (r:Reading {id: 3}) RETURN r.value AS value").one(OnlyValue.class)
                .orElseThrow().value(), "lone value column");
        cypher("CREATE (:Tagged {id: 1, values: [0.1 + 0.2, 1.0000000000000002]})", Map.of());
        ValueList tagged = orm.query("MATCH (t:Tagged) RETURN t").one(ValueList.class).orElseThrow();
        assertBits(0.30000000000000004, tagged.values().get(0), "list property of a node");
        assertBits(1.0000000000000002, tagged.values().get(1), "list property of a node");
    }

    @Test
    void integersNullsAndListsReadAsDoubles() {
        List<Double> mixed = orm.query("UNWIND [0.1 + 0.2, 7, null, -0.0] AS v RETURN v").list(Double.class);
        assertBits(0.30000000000000004, mixed.get(0), "float");
        assertBits(7.0, mixed.get(1), "integer");
        assertNull(mixed.get(2));
        assertBits(-0.0, mixed.get(3), "negative zero");
        List<?> list = orm.query("RETURN [0.1 + 0.2, 1, null, 'x', [0.5]]").one(List.class).orElseThrow();
        assertEquals(Arrays.asList(0.30000000000000004, 1L, null, "x", List.of(0.5)), list);
        assertThrows(IllegalArgumentException.class, () -> orm.query("RETURN 'x'").list(Double.class));
    }

    @Test
    void unsupportedShapesAreRefusedNotRounded() {
        MappingException e = assertThrows(MappingException.class, () -> orm.repository(UnionRepository.class));
        assertTrue(e.getMessage().contains("UNION") && e.getMessage().contains("CALL {"), e.getMessage());
        MappingException star = assertThrows(MappingException.class,
                () -> orm.query("MATCH (r:Reading) RETURN *").list(Double.class));
        assertTrue(star.getMessage().contains("RETURN *") && star.getMessage().contains("Number"), star.getMessage());
        // the advice works: the union wrapped in CALL { } is read exactly
        List<Double> wrapped = orm.query("CALL { MATCH (r:Reading) WHERE r.id < 10 RETURN r.value AS v, r.id AS id "
                + "UNION MATCH (r:Reading) WHERE r.id < 5 RETURN r.value AS v, r.id AS id } RETURN v ORDER BY id")
                .list(Double.class);
        assertExact10(wrapped);
        // shapes that need no exact doubles keep working
        assertEquals(VALUES + 1, orm.repository(UnionOfStringsRepository.class).union().size());
        assertEquals(VALUES, orm.query("MATCH (r:Reading) RETURN *").list(Reading.class).size());
    }

    private void assertExact10(List<Double> values) {
        assertEquals(10, values.size());
        for (int i = 0; i < 10; i++) {
            assertBits(expected[i], values.get(i), "row " + i);
        }
    }

    // ------------------------------------------------------------ the rewrite changes nothing else

    /** Statements of many shapes, each run as written and rewritten with every column exact. */
    @Test
    void rewrittenStatementsGiveTheSameHeaderRowsAndOrder() {
        cypher("MATCH (n:Item) DELETE n", Map.of());
        cypher("UNWIND range(0, 29) AS i CREATE (:Item {name: 'n' + toString(i % 17), grp: i % 4, "
                + "price: toFloat(i) / 7.0 + 0.1, `odd key`: i * 0.1, tags: [i * 0.3, i, 'x']})", Map.of());
        Map<String, ExactReturn.Form> nodeProperties = new LinkedHashMap<>();
        nodeProperties.put("price", ExactReturn.Form.VALUE);
        nodeProperties.put("tags", ExactReturn.Form.LIST);
        nodeProperties.put("absent", ExactReturn.Form.VALUE);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("s", 3);
        params.put("l", 7);
        String[] queries = {
            "MATCH (n:Item) RETURN n.price ORDER BY n.name, n.price",
            "MATCH (n:Item) RETURN DISTINCT n.price ORDER BY n.price DESC",
            "MATCH (n:Item) RETURN DISTINCT n.grp ORDER BY n.grp",
            "MATCH (n:Item) RETURN DISTINCT n.grp AS g ORDER BY g DESC",
            "MATCH (n:Item) RETURN n.grp AS g, avg(n.price) AS a, sum(n.price), count(*) ORDER BY g",
            "MATCH (n:Item) RETURN n.name, count(*) ORDER BY count(*) DESC, n.name",
            "MATCH (n:Item) RETURN n.price AS p, n.name ORDER BY p SKIP $s LIMIT $l",
            "MATCH (n:Item) RETURN   n.price  , n.name // trailing comment\n ORDER BY n.name, n.price",
            "MATCH (n:Item) RETURN n{.price, .name} AS m, n.price * 3 ORDER BY n.name, n.price",
            "MATCH (n:Item) RETURN n.`odd key`, n.tags ORDER BY n.price",
            "MATCH (n:Item) WITH n ORDER BY n.price DESC RETURN n.price, n.name",
            "MATCH (n:Item) WITH n ORDER BY n.price LIMIT 5 RETURN collect(n.price) AS prices, max(n.price)",
            "MATCH (n:Item) RETURN n.price AS n ORDER BY n LIMIT 4",
            "MATCH (n:Item) WHERE n.name <> 'RETURN x' RETURN n ORDER BY n.price LIMIT 3",
            "MATCH (n:Item) RETURN n.price, n ORDER BY n.price SKIP 2 LIMIT 3;",
            "MATCH (n:Item) RETURN n ORDER BY n.price",
            "MATCH (n:Item) RETURN DISTINCT n AS x ORDER BY x.name, x.price",
            "UNWIND [1.5, 2, null, 'x', [0.1, 'y', [0.2]], true, {a: 0.1}, -0.0] AS v RETURN v",
            "RETURN 0.1 + 0.2, 1.0000000000000002, 2 * 3",
            "MATCH (n:Item) RETURN count(*)",
            "MATCH (n:Item) RETURN avg(n.price)",
            "CALL db.labels() YIELD label RETURN label ORDER BY label",
            "CALL db.propertyKeys() YIELD propertyKey",
            "MATCH (n:Item) RETURN [x IN n.tags WHERE x <> 'x' | x * 1.5] AS t, "
                    + "[(n)-->(m) | m.price] AS neighbours ORDER BY n.price",
            "MATCH (n:Item) WHERE n.grp = 9 RETURN n.price",
            "MATCH (n:Item {name: 'n1'}) SET n.seen = 1 RETURN n.price ORDER BY n.price",
        };
        for (String q : queries) {
          for (ExactReturn.Form form : ExactReturn.Form.values()) {
            ExactReturn.Rewrite rewrite = ExactReturn.rewriteAs(q, c -> form, nodeProperties)
                    .orElseThrow(() -> new AssertionError(q));
            QueryResult original = transport.execute(GraphQuery.write(graph, q, params));
            QueryResult exact = rewrite.decode(transport.execute(GraphQuery.write(graph, rewrite.cypher(), params)));
            assertEquals(original.columns(), exact.columns(), q);
            assertEquals(original.rows().size(), exact.rows().size(), q);
            assertEquals(form == ExactReturn.Form.NONE, rewrite.isUnchanged(), q);
            for (int r = 0; r < original.rows().size(); r++) {
                List<GraphValue> a = original.rows().get(r);
                List<GraphValue> b = exact.rows().get(r);
                for (int c = 0; c < a.size(); c++) {
                    assertSameValue(a.get(c), b.get(c), q + " (" + form + ") row " + r + " column " + c);
                }
            }
          }
        }
        // the name of a column with a back-quote is restored, and the server's own header is the same otherwise
        ExactReturn.Rewrite r = ExactReturn.rewrite("MATCH (n:Item) RETURN n.price AS `p q`, n.name", c -> true).orElseThrow();
        assertEquals(List.of("p q", "n.name"), transport.execute(GraphQuery.write(graph, r.cypher(), Map.of())).columns());
    }

    /** {@code exact} is {@code original} with doubles that print the same with 15 significant digits. */
    private static void assertSameValue(GraphValue original, GraphValue exact, String where) {
        if (original instanceof DoubleValue d && exact instanceof DoubleValue e) {
            assertEquals(d.value(), round15(e.value()), where);
            if (d.value() == 0.0) {
                assertBits(d.value(), e.value(), where);
            }
        } else if (original instanceof NodeValue n && exact instanceof NodeValue m) {
            assertEquals(n.id(), m.id(), where);
            assertEquals(n.labels(), m.labels(), where);
            assertEquals(n.properties().keySet(), m.properties().keySet(), where);
            n.properties().forEach((k, v) -> assertSameValue(v, m.property(k), where + "." + k));
        } else if (original instanceof ListValue l && exact instanceof ListValue m) {
            assertEquals(l.values().size(), m.values().size(), where);
            for (int i = 0; i < l.values().size(); i++) {
                assertSameValue(l.values().get(i), m.values().get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(original, exact, where);
        }
    }

    private static double round15(double v) {
        return v == 0.0 ? v : new BigDecimal(v).round(new MathContext(15, RoundingMode.HALF_EVEN)).doubleValue();
    }

    // ------------------------------------------------------------ cost

    /** A side-by-side timing for the report; nothing is asserted about time. */
    @Test
    void costOfAnExactReadOf5000Rows() {
        cypher("UNWIND range(0, 4999) AS i CREATE (:Bulk {i: i, v: toFloat(i) / 3.0})", Map.of());
        String q = "MATCH (b:Bulk) RETURN b.v";
        String exactQ = ExactReturn.rewrite(q, c -> true).orElseThrow().cypher();
        double[] plainServer = new double[15];
        double[] exactServer = new double[15];
        long[] plainClient = new long[15];
        long[] exactClient = new long[15];
        for (int round = 0; round < 20; round++) {
            QueryResult p = transport.execute(GraphQuery.read(graph, q, Map.of()));
            QueryResult e = transport.execute(GraphQuery.read(graph, exactQ, Map.of()));
            long t2 = System.nanoTime();
            List<Double> plainMapped = orm.query(q).list(Number.class).stream().map(Number::doubleValue).toList();
            long t3 = System.nanoTime();
            List<Double> exactMapped = orm.query(q).list(Double.class);
            long t4 = System.nanoTime();
            assertEquals(5000, plainMapped.size());
            assertEquals(5000, exactMapped.size());
            if (round >= 5) { // after warm-up
                plainServer[round - 5] = p.statistics().executionTimeMillis();
                exactServer[round - 5] = e.statistics().executionTimeMillis();
                plainClient[round - 5] = (t3 - t2);
                exactClient[round - 5] = (t4 - t3);
            }
            assertEquals(5000, p.rows().size());
            assertEquals(5000, e.rows().size());
        }
        Arrays.sort(plainServer);
        Arrays.sort(exactServer);
        Arrays.sort(plainClient);
        Arrays.sort(exactClient);
        System.out.printf("[exact-cost] 5000 rows, median of 15: server %.2f ms plain vs %.2f ms exact; "
                        + "FalkorOrm.query round trip %.2f ms (Number, plain) vs %.2f ms (Double, exact)%n",
                plainServer[7], exactServer[7], plainClient[7] / 1e6, exactClient[7] / 1e6);
    }
}
