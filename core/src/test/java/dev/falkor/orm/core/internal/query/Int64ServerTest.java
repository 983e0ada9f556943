package dev.falkor.orm.core.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.BooleanValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.GraphTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The overflow-safe comparisons and ordering against Java's, on the server, for random pairs
 * over the whole long range (the server's own operators are wrong when the difference overflows).
 */
class Int64ServerTest extends GraphTest {
    private static final long[] EDGES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -(1L << 62) - 1, -(1L << 62), -1, 0, 1,
            (1L << 62) - 1, 1L << 62, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    private static long pick(Random r) {
        return r.nextInt(3) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextLong();
    }

    @Test
    void comparisonsAgreeWithJavaOverTheWholeRange() {
        Random r = new Random(5);
        List<List<Long>> pairs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long a = pick(r);
            pairs.add(List.of(a, r.nextInt(10) == 0 ? a : pick(r)));
        }
        QueryResult res = transport.execute(GraphQuery.read(graph, "UNWIND $pairs AS p WITH p[0] AS a, p[1] AS b RETURN a, b, "
                + Int64.greater("a", "b") + ", " + Int64.less("a", "b") + ", " + Int64.greaterOrEqual("a", "b") + ", "
                + Int64.lessOrEqual("a", "b") + ", a > b", Map.of("pairs", pairs)));
        int serverWrong = 0;
        for (List<GraphValue> row : res.rows()) {
            long a = ((IntegerValue) row.get(0)).value();
            long b = ((IntegerValue) row.get(1)).value();
            String where = a + " vs " + b;
            assertEquals(a > b, bool(row.get(2)), "greater " + where);
            assertEquals(a < b, bool(row.get(3)), "less " + where);
            assertEquals(a >= b, bool(row.get(4)), "greaterOrEqual " + where);
            assertEquals(a <= b, bool(row.get(5)), "lessOrEqual " + where);
            serverWrong += bool(row.get(6)) != (a > b) ? 1 : 0;
        }
        assertEquals(3000, res.rows().size());
        org.junit.jupiter.api.Assertions.assertTrue(serverWrong > 100,
                "the server's own > is wrong for many of these pairs (" + serverWrong + "), so the test can fail");
    }

    @Test
    void orderingAgreesWithJavaWithNullsWhereTheServerPutsThem() {
        Random r = new Random(9);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            values.add(pick(r));
        }
        List<Object> withNulls = new ArrayList<>(values);
        withNulls.add(null);
        withNulls.add(null);
        for (String direction : List.of("ASC", "DESC")) {
            QueryResult res = transport.execute(GraphQuery.read(graph, "UNWIND $vs AS v RETURN v ORDER BY "
                    + Int64.orderItems("v", direction), Map.of("vs", withNulls)));
            List<Long> got = new ArrayList<>();
            for (List<GraphValue> row : res.rows()) {
                got.add(row.get(0).isNull() ? null : ((IntegerValue) row.get(0)).value());
            }
            List<Long> expected = new ArrayList<>(values);
            expected.sort(direction.equals("ASC") ? Comparator.naturalOrder() : Comparator.reverseOrder());
            if (direction.equals("ASC")) {
                expected.add(null);
                expected.add(null); // nulls last ascending
            } else {
                expected.add(0, null);
                expected.add(0, null); // and first descending
            }
            assertEquals(expected, got, direction);
        }
    }

    private static boolean bool(GraphValue v) {
        return ((BooleanValue) v).value();
    }
}
