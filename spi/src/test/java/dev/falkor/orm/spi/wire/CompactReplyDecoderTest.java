package dev.falkor.orm.spi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.DoubleValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Decoder details a live server rarely shows: non-finite doubles, cache refresh on a miss. */
class CompactReplyDecoderTest {

    @Test
    void nonFiniteDoublesDecode() {
        Object reply = List.of(List.of(List.of(1L, "a"), List.of(1L, "b"), List.of(1L, "c")),
                List.of(List.of(List.of(5L, "inf"), List.of(5L, "-inf"), List.of(5L, "-nan"))), List.of());
        QueryResult r = CompactReplyDecoder.decode(reply, null);
        assertEquals(new DoubleValue(Double.POSITIVE_INFINITY), r.rows().get(0).get(0));
        assertEquals(new DoubleValue(Double.NEGATIVE_INFINITY), r.rows().get(0).get(1));
        assertEquals(Double.NaN, ((DoubleValue) r.rows().get(0).get(2)).value());
    }

    @Test
    void namesAreReloadedOnlyOnAMiss() {
        AtomicInteger loads = new AtomicInteger();
        List<String> labels = new ArrayList<>(List.of("A"));
        GraphSchemaCache cache = new GraphSchemaCache("g", procedure -> {
            loads.incrementAndGet();
            return procedure.equals("db.labels()") ? List.copyOf(labels) : List.of("k");
        });
        assertEquals("A", cache.label(0));
        assertEquals("A", cache.label(0));
        assertEquals(1, loads.get());
        labels.add("B");
        assertEquals("B", cache.label(1));
        assertEquals(2, loads.get());
        Object node = List.of(8L, List.of(7L, List.of(1L, 0L), List.of(List.of(0L, 2L, "v"))));
        NodeValue n = (NodeValue) CompactReplyDecoder.value(node, cache);
        assertEquals(List.of("B", "A"), n.labels());
        assertEquals(Map.of("k", new StringValue("v")), n.properties());
    }
}
