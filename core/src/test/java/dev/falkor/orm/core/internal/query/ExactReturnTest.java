package dev.falkor.orm.core.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.core.internal.query.ExactReturn.Form;
import dev.falkor.orm.core.internal.query.ExactReturn.Problem;
import dev.falkor.orm.core.internal.query.ExactReturn.Rewrite;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.StringValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The RETURN rewriter on text alone; {@code ExactQueryDoublesTest} runs the rewrites on the server. */
class ExactReturnTest {
    private static final Predicate<ExactReturn.Column> FIRST = c -> c.index() == 0;

    private static Rewrite rewrite(String cypher, Predicate<ExactReturn.Column> exact) {
        return ExactReturn.rewrite(cypher, exact).orElseThrow(() -> new AssertionError("refused: " + cypher));
    }

    private static Rewrite rewrite(String cypher, String... exactNames) {
        Set<String> names = Set.of(exactNames);
        return rewrite(cypher, c -> names.contains(c.name()));
    }

    private static Problem refusal(String cypher) {
        ExactReturn.Analysis a = ExactReturn.analyse(cypher, c -> Form.VALUE, Map.of());
        assertTrue(a.rewrite().isEmpty(), cypher);
        return a.problem();
    }

    /** The statement up to the stages the rewrite appends. */
    private static String head(Rewrite r) {
        return r.cypher().substring(0, r.cypher().indexOf("\n"));
    }

    @Test
    void theRewrittenForm() {
        Rewrite r = rewrite("MATCH (n:Item) RETURN n.price, n.name AS name ORDER BY n.name SKIP $s LIMIT $l", FIRST);
        assertEquals("MATCH (n:Item) WITH n.price AS `n.price`, n.name AS `name` ORDER BY n.name SKIP $s LIMIT $l\n"
                + "WITH `n.price`, `name`, CASE WHEN typeOf(`n.price`) = 'Float' THEN `n.price` ELSE 0.0 END AS `__exact_f0`\n"
                + "WITH `n.price`, `name`, `__exact_f0`, toInteger(log(CASE WHEN `__exact_f0` * 0.0 = 0.0 AND `__exact_f0`"
                + " <> 0.0 THEN abs(`__exact_f0`) ELSE 1.0 END) * 1.4426950408889634) - 56 AS `__exact_k0`\n"
                + "RETURN CASE typeOf(`n.price`) WHEN 'Float' THEN [`n.price`, CASE WHEN `__exact_f0` * 0.0 = 0.0 THEN"
                + " toInteger(`__exact_f0` * 2.0^(-`__exact_k0` / 2) * 2.0^(`__exact_k0` / 2 - `__exact_k0`)) ELSE 0 END,"
                + " `__exact_k0`] WHEN 'List' THEN [`n.price`] ELSE `n.price` END AS `n.price`, `name` AS `name`", r.cypher());
        assertEquals(List.of("n.price", "name"), r.columns());
        assertEquals(List.of(0), r.exactColumns());
        assertEquals(List.of(Form.VALUE, Form.NONE), r.forms());
        // a list column: one expression in the RETURN, no stages
        Rewrite l = ExactReturn.rewriteAs("MATCH (n) RETURN n.prices AS p", c -> Form.LIST).orElseThrow();
        assertEquals("MATCH (n) WITH n.prices AS `p` \nRETURN " + ExactReturn.listExpression("`p`") + " AS `p`", l.cypher());
        // synthetic names never collide with the user's
        Rewrite s = rewrite("MATCH (n) RETURN n.price AS __exact_f0", FIRST);
        assertTrue(s.cypher().contains("AS `___exact_f0`"), s.cypher());
    }

    @Test
    void noExactColumnLeavesTheTextAlone() {
        String q = "MATCH (n) RETURN n.name AS name";
        Rewrite r = rewrite(q, "price");
        assertTrue(r.isUnchanged());
        assertEquals(q, r.cypher());
        // a UNION without such a column is fine too: its columns are known from the last branch
        assertTrue(rewrite("RETURN 1 AS a UNION RETURN 2 AS a", "price").isUnchanged());
    }

    @Test
    void columnNamesAreWhatTheServerPrints() {
        // leading whitespace and comments dropped, trailing whitespace dropped, inner text and trailing comments kept
        Rewrite r = rewrite("MATCH (n) RETURN \t/*a*/ n.price   +  1\t, toFloat( n.price ),n.price/*c*/ ,\n"
                + " n.name // hello\n /*x*/ LIMIT 1", c -> true);
        assertEquals(List.of("n.price   +  1", "toFloat( n.price )", "n.price/*c*/", "n.name // hello\n /*x*/"),
                r.columns());
        // comments never end up around the appended aliases
        assertTrue(r.cypher().contains("WITH n.price   +  1 AS `n.price   +  1`, toFloat( n.price ) AS `toFloat( n.price )`,"
                + " n.price AS `n.price/*c*/`, n.name AS `n.name // hello\n /*x*/` LIMIT 1\nWITH "), r.cypher());
    }

    @Test
    void aliasesPlainAndBackQuoted() {
        Rewrite r = rewrite("MATCH (n) RETURN n.price AS p /*c*/, n.name AS/*q*/`q r`, n.x as X, n.`odd name`", c -> true);
        assertEquals(List.of("p", "q r", "X", "n.`odd name`"), r.columns());
        // a name with a back-quote cannot be an alias: a synthetic one, the name restored on decode
        assertTrue(r.cypher().contains("n.`odd name` AS `__exact_c3`"), r.cypher());
        QueryResult reply = new QueryResult(List.of("p", "q r", "X", "__exact_c3"),
                List.of(List.of(NullValue.INSTANCE, NullValue.INSTANCE, NullValue.INSTANCE, NullValue.INSTANCE)),
                QueryStatistics.EMPTY);
        assertEquals(List.of("p", "q r", "X", "n.`odd name`"), r.decode(reply).columns());
    }

    @Test
    void theFinalTopLevelReturnIsFoundPastStringsCommentsAndBrackets() {
        String q = "MATCH (n:Item) WHERE n.name <> 'RETURN x' AND n.note <> \"a \\\" RETURN\" // RETURN in a comment\n"
                + "/* RETURN, ORDER BY */ CALL { WITH n RETURN n.price AS inner } WITH n, [x IN [1] | {return: x}] AS m\n"
                + "return n{.price, .name} AS proj, n.price AS `RETURN`, [y IN n.list WHERE y > 0 | y * 1.5] AS l, "
                + "n.return AS r ORDER BY n.name";
        Rewrite r = rewrite(q, "proj", "RETURN", "l", "r");
        assertEquals(List.of("proj", "RETURN", "l", "r"), r.columns());
        int with = r.cypher().indexOf("WITH n{.price, .name} AS `proj`, n.price AS `RETURN`, "
                + "[y IN n.list WHERE y > 0 | y * 1.5] AS `l`, n.return AS `r` ORDER BY n.name\nWITH ");
        assertTrue(with > 0, r.cypher());
        assertEquals(q.substring(0, q.indexOf("return n{")), r.cypher().substring(0, with));
    }

    @Test
    void distinctAndTheTail() {
        Rewrite r = rewrite("MATCH (n) RETURN DISTINCT n.price AS p ORDER BY p DESC, n.name SKIP 1 LIMIT 2;", FIRST);
        assertEquals("MATCH (n) WITH DISTINCT n.price AS `p` ORDER BY p DESC, n.name SKIP 1 LIMIT 2", head(r));
        // a trailing line comment in the tail cannot swallow the appended clauses
        Rewrite c = rewrite("MATCH (n) RETURN n.price LIMIT 1 // the end", FIRST);
        assertEquals("MATCH (n) WITH n.price AS `n.price` LIMIT 1 // the end", head(c));
        // keywords in any case, ORDER and BY apart
        Rewrite k = rewrite("match (n) return distinct n.price order  /* x */ by n.price skip $s limit $l", FIRST);
        assertEquals("match (n) WITH DISTINCT n.price AS `n.price` order  /* x */ by n.price skip $s limit $l", head(k));
    }

    @Test
    void aggregationsAndCommasInsideBrackets() {
        Rewrite r = rewrite("MATCH (n) RETURN n.name, avg(n.price), collect([n.a, n.b]), {a: 1, b: [2, 3]} AS m, 'x, y'",
                c -> true);
        assertEquals(List.of("n.name", "avg(n.price)", "collect([n.a, n.b])", "m", "'x, y'"), r.columns());
    }

    @Test
    void callYieldAtTheEnd() {
        Rewrite r = rewrite("CALL db.idx.vector.queryNodes('L', 'e', 3, vecf32($v)) YIELD node, score AS s WHERE s < 1", "s");
        assertEquals("CALL db.idx.vector.queryNodes('L', 'e', 3, vecf32($v)) YIELD node, score AS s WHERE s < 1", head(r));
        assertTrue(r.cypher().startsWith(head(r) + "\nWITH `node`, `s`, CASE WHEN typeOf(`s`)"), r.cypher());
        assertTrue(r.cypher().endsWith("RETURN `node` AS `node`, CASE typeOf(`s`) WHEN 'Float' THEN [`s`, CASE WHEN "
                + "`__exact_f0` * 0.0 = 0.0 THEN toInteger(`__exact_f0` * 2.0^(-`__exact_k0` / 2) * 2.0^(`__exact_k0` / 2 - "
                + "`__exact_k0`)) ELSE 0 END, `__exact_k0`] WHEN 'List' THEN [`s`] ELSE `s` END AS `s`"), r.cypher());
        assertEquals(List.of("node", "s"), r.columns());
        assertTrue(rewrite("CALL db.labels() YIELD label", "x").isUnchanged());
    }

    @Test
    void refusedShapes() {
        assertEquals(Problem.UNION, refusal("MATCH (n) RETURN n.price AS p UNION ALL MATCH (m) RETURN m.price AS p"));
        assertEquals(Problem.RETURN_STAR, refusal("MATCH (n) RETURN *"));
        assertEquals(Problem.RETURN_STAR, refusal("MATCH (n) RETURN DISTINCT *, n.price"));
        assertEquals(Problem.NO_FINAL_RETURN, refusal("CALL db.labels()"));
        assertEquals(Problem.NO_FINAL_RETURN, refusal("MATCH (n) SET n.x = 1"));
        assertEquals(Problem.NO_FINAL_RETURN, refusal("MATCH (n) WHERE n.name = 'RETURN n.price' DELETE n"));
        assertEquals(Problem.UNBALANCED, refusal("MATCH (n) RETURN n.price, 'open"));
        assertEquals(Problem.UNBALANCED, refusal("MATCH (n) RETURN (n.price"));
        assertEquals(Problem.UNBALANCED, refusal("MATCH (n) RETURN n.price /* open"));
        assertEquals(Problem.UNEXPECTED_TEXT, refusal("MATCH (n) RETURN n.price LIMIT 1 SKIP 2"));
        assertEquals(Problem.UNEXPECTED_TEXT, refusal("MATCH (n) RETURN n.price; MATCH (m) RETURN m"));
        assertEquals(Problem.UNEXPECTED_TEXT, refusal("MATCH (n) RETURN n.price,"));
        // a UNION whose columns need no exact doubles is left alone
        assertTrue(ExactReturn.rewrite("RETURN 1 AS a UNION RETURN 2 AS a", c -> false).isPresent());
        // every problem says what to do
        for (Problem p : Problem.values()) {
            assertFalse(p.advice().isBlank());
        }
    }

    @Test
    void nodeColumns() {
        Map<String, Form> props = new java.util.LinkedHashMap<>();
        props.put("price", Form.VALUE);
        props.put("prices", Form.LIST);
        Rewrite r = ExactReturn.rewriteAs("MATCH (n) RETURN n", c -> Form.NODE, props).orElseThrow();
        assertTrue(r.cypher().startsWith("MATCH (n) WITH n AS `n` \nWITH `n`, [__exact_x IN [`n`] WHERE typeOf(__exact_x)"
                + " = 'Node' | __exact_x.`price`][0] AS `__exact_n0_0`, [__exact_x IN [`n`] WHERE typeOf(__exact_x) = 'Node'"
                + " | __exact_x.`prices`][0] AS `__exact_n0_1`\n"), r.cypher());
        assertTrue(r.cypher().contains(" WHEN 'Node' THEN [`n`, [CASE typeOf(`__exact_n0_0`) WHEN 'Float'"), r.cypher());
        // decoding: the chosen properties replaced by their exact values, absent ones stay absent
        double v = 0.1 + 0.2;
        int k = Math.getExponent(v) - 56;
        GraphValue triple = new ListValue(List.of(new DoubleValue(0.3), new IntegerValue((long) Math.scalb(v, -k)),
                new IntegerValue(k)));
        dev.falkor.orm.spi.value.NodeValue node = new dev.falkor.orm.spi.value.NodeValue(4, List.of("L"),
                Map.of("price", new DoubleValue(0.3), "name", new StringValue("x")));
        GraphValue reply = new ListValue(List.of(node, new ListValue(List.of(triple, NullValue.INSTANCE))));
        QueryResult decoded = r.decode(new QueryResult(List.of("n"), List.of(List.of(reply)), QueryStatistics.EMPTY));
        dev.falkor.orm.spi.value.NodeValue exact = (dev.falkor.orm.spi.value.NodeValue) decoded.rows().get(0).get(0);
        assertEquals(new DoubleValue(v), exact.property("price"));
        assertEquals(new StringValue("x"), exact.property("name"));
        assertFalse(exact.properties().containsKey("prices"));
        // a value in a NODE column is read as in VALUE
        QueryResult value = r.decode(new QueryResult(List.of("n"), List.of(List.of(triple)), QueryStatistics.EMPTY));
        assertEquals(new DoubleValue(v), value.rows().get(0).get(0));
    }

    @Test
    void decodingTellsTheFormsApart() {
        double v = 0.1 + 0.2;
        long bits = Double.doubleToRawLongBits(v);
        int k = Math.getExponent(v) - 56;
        long m = (long) Math.scalb(v, -k);
        GraphValue triple = new ListValue(List.of(new DoubleValue(0.3), new IntegerValue(m), new IntegerValue(k)));
        assertEquals(bits, Double.doubleToRawLongBits(((DoubleValue) ExactReturn.decode(triple, Form.VALUE)).value()));
        // a subnormal: k below -1074
        GraphValue tiny = new ListValue(List.of(new DoubleValue(5e-324), new IntegerValue(1L << 56), new IntegerValue(-1130)));
        assertEquals(Double.MIN_VALUE, ((DoubleValue) ExactReturn.decode(tiny, Form.VALUE)).value());
        // zero keeps its sign from the printed value
        GraphValue negativeZero = new ListValue(List.of(new DoubleValue(-0.0), new IntegerValue(0), new IntegerValue(-56)));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(((DoubleValue) ExactReturn.decode(negativeZero, Form.VALUE)).value()));
        assertEquals(new IntegerValue(7), ExactReturn.decode(new IntegerValue(7), Form.VALUE));
        assertEquals(NullValue.INSTANCE, ExactReturn.decode(NullValue.INSTANCE, Form.VALUE));
        assertEquals(new StringValue("s"), ExactReturn.decode(new StringValue("s"), Form.VALUE));
        MapValue map = new MapValue(Map.of("a", new DoubleValue(1.5)));
        assertEquals(map, ExactReturn.decode(map, Form.VALUE));
        assertEquals(map, ExactReturn.decode(map, Form.LIST));
        // a list in a VALUE column: [list], passed on as it is
        ListValue raw = new ListValue(List.of(new DoubleValue(0.1), new IntegerValue(2), new IntegerValue(3)));
        assertEquals(raw, ExactReturn.decode(new ListValue(List.of(raw)), Form.VALUE));
        // a LIST column: [[elements]], floats as triples, nested lists as [list]
        ListValue nested = new ListValue(List.of(new DoubleValue(0.1)));
        GraphValue list = new ListValue(List.of(new ListValue(List.of(triple, new IntegerValue(2), NullValue.INSTANCE,
                new ListValue(List.of(nested))))));
        assertEquals(new ListValue(List.of(new DoubleValue(v), new IntegerValue(2), NullValue.INSTANCE, nested)),
                ExactReturn.decode(list, Form.LIST));
        assertEquals(triple, ExactReturn.decode(triple, Form.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> ExactReturn.decode(new ListValue(List.of(new IntegerValue(1), new IntegerValue(2))), Form.VALUE));
        assertThrows(IllegalArgumentException.class, () -> ExactReturn.decode(triple, Form.LIST));
    }
}
