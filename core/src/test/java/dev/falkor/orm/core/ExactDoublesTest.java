package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.internal.mapping.ExactDoubles;
import dev.falkor.orm.core.internal.query.ExactReturn;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.RandomCases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both exact-double forms against the real server, property-based: random bit patterns plus
 * the hard cases (subnormals, binade edges, values next to Double.MAX_VALUE that print as
 * infinity, ±0), as stored properties, in lists and through the mapper's entity reads.
 */
class ExactDoublesTest extends GraphTestSupport {

    @Node("Measured")
    static class Measured {
        @Id Long id;
        double value;
        List<Double> series;
        Map<String, Double> named;
    }

    interface MeasuredRepository extends Repository<Measured, Long> {
    }

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DELETE n", Map.of());
    }

    private static List<Double> hardAndRandom(RandomCases cases, int random) {
        List<Double> v = new ArrayList<>(List.of(0.1 + 0.2, 1.0000000000000002, Double.MIN_VALUE, Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE),
                1.797693134862315e308, -0.0, 0.0, Math.PI, 1e-310, 123456789.123456789, 1e-307, 1e306));
        for (int e = -1074; e <= 1023; e += 7) {
            double edge = Math.scalb(1.0, e);
            v.add(edge);
            v.add(Math.nextUp(edge));
            v.add(-Math.nextDown(edge));
        }
        for (int i = 0; i < random; i++) {
            v.add(cases.anyFiniteDouble());
        }
        return v;
    }

    @Test
    void bothFormsAreBitExactOnStoredProperties() {
        RandomCases cases = RandomCases.create();
        List<Double> values = hardAndRandom(cases, 3000);
        cypher("UNWIND range(0, size($vs) - 1) AS i CREATE (:Dbl {i: i, v: $vs[i]})", Map.of("vs", values));
        QueryResult r = transport.execute(GraphQuery.read(graph, "MATCH (d:Dbl) RETURN d.i, d.v, "
                + ExactDoubles.mantissa("d.v") + " ORDER BY d.i", Map.of()));
        // the triple form ExactReturn writes into a user's query, on the same hard values
        ExactReturn.Rewrite triple = ExactReturn.rewriteAs("MATCH (d:Dbl) RETURN d.i AS i, d.v AS v ORDER BY i",
                c -> c.index() == 1 ? ExactReturn.Form.VALUE : ExactReturn.Form.NONE).orElseThrow();
        QueryResult t = triple.decode(transport.execute(GraphQuery.read(graph, triple.cypher(), Map.of())));
        assertEquals(values.size(), r.rows().size());
        assertEquals(values.size(), t.rows().size());
        for (int k = 0; k < r.rows().size(); k++) {
            List<GraphValue> row = r.rows().get(k);
            double expected = values.get((int) ((IntegerValue) row.get(0)).value());
            double fromMantissa = ExactDoubles.fromMantissa(((DoubleValue) row.get(1)).value(),
                    ((IntegerValue) row.get(2)).value());
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(fromMantissa),
                    cases.describe("mantissa form: " + expected + " came back as " + fromMantissa));
            double fromTriple = ((DoubleValue) t.rows().get(k).get(1)).value();
            assertEquals(Double.doubleToRawLongBits(values.get((int) ((IntegerValue) t.rows().get(k).get(0)).value())),
                    Double.doubleToRawLongBits(fromTriple), cases.describe("triple form: " + expected + " came back as "
                            + fromTriple));
        }
        assertNull(transport.execute(GraphQuery.read(graph, "RETURN " + ExactDoubles.mantissa("null"), Map.of()))
                .scalar().asJava());
    }

    @Test
    void entitiesReadEveryDoubleExactly() {
        RandomCases cases = RandomCases.create();
        List<Double> values = hardAndRandom(cases, 600);
        MeasuredRepository repo = orm.repository(MeasuredRepository.class);
        List<Measured> all = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Measured m = new Measured();
            m.id = (long) i;
            m.value = values.get(i);
            m.series = values.subList(i, Math.min(values.size(), i + 5));
            m.named = new LinkedHashMap<>(Map.of("a", values.get(values.size() - 1 - i), "b", values.get(i)));
            all.add(m);
        }
        repo.saveAll(all);
        // the graph holds the exact values (the server compares doubles exactly)
        for (int i = 0; i < values.size(); i += 7) {
            assertEquals(1L, ((IntegerValue) scalar("MATCH (m:Measured {id: $id}) WHERE m.value = $v AND m.`named.b` = $v"
                    + " RETURN count(m)", Map.of("id", (long) i, "v", values.get(i)))).value(), cases.describe("stored " + i));
        }
        for (Measured back : repo.findAll()) {
            Measured expected = all.get(back.id.intValue());
            assertEquals(Double.doubleToRawLongBits(expected.value), Double.doubleToRawLongBits(back.value),
                    cases.describe("value " + expected.value + " read as " + back.value));
            assertEquals(bits(expected.series), bits(back.series), cases.describe("series of " + back.id));
            assertEquals(bits(List.of(expected.named.get("a"), expected.named.get("b"))),
                    bits(List.of(back.named.get("a"), back.named.get("b"))), cases.describe("map of " + back.id));
        }
    }

    private static List<Long> bits(List<Double> ds) {
        return ds.stream().map(Double::doubleToRawLongBits).toList();
    }

    @Test
    void foreignValuesInDoubleFieldsConvertOrFailNamingTheField() {
        MeasuredRepository repo = orm.repository(MeasuredRepository.class);
        // written by another application: an integer, and a string, where the class maps doubles
        cypher("CREATE (:Measured {id: 1, value: 7, series: [1, 2.5], `named.a`: 3}),"
                + " (:Measured {id: 2, value: 'seven', series: 'none'})", Map.of());
        Measured one = repo.findById(1L).orElseThrow();
        assertEquals(7.0, one.value);
        assertEquals(List.of(1.0, 2.5), one.series);
        assertEquals(3.0, one.named.get("a"));
        dev.falkor.orm.api.ValueConversionException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.falkor.orm.api.ValueConversionException.class, () -> repo.findById(2L));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Measured.")
                && !e.getMessage().contains("seven"), e.getMessage());
    }
}
