package dev.falkor.orm.spi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void decodingReportsMissingNamesAndUseWithoutIo() {
        GraphSchemaCache cache = new GraphSchemaCache("g");
        Object node = List.of(8L, List.of(7L, List.of(1L, 0L), List.of(List.of(0L, 2L, "v".getBytes()))));
        Object reply = List.of(List.of(List.of(1L, "n")), List.of(List.of(node)), List.of("Cached execution: 0"));
        assertInstanceOf(WireCodec.NeedsNames.class, WireCodec.decode(reply, "g", cache), "empty cache: names needed");

        assertTrue(cache.install(List.of("A", "B"), List.of(), List.of("k")).held(), "nothing cached yet: nothing contradicted");
        WireCodec.Decoded d = assertInstanceOf(WireCodec.Decoded.class, WireCodec.decode(reply, "g", cache));
        assertTrue(d.usedNames());
        NodeValue n = (NodeValue) d.result().rows().get(0).get(0);
        assertEquals(List.of("B", "A"), n.labels());
        assertEquals(Map.of("k", new StringValue("v")), n.properties(), "byte[] strings are decoded too");

        assertTrue(cache.install(List.of("A", "B", "C"), List.of("T"), List.of("k", "x")).held(), "appended names: still valid");
        assertFalse(cache.install(List.of("X"), List.of(), List.of("k")).held(), "a re-created graph is detected");
        Object scalar = List.of(List.of(List.of(1L, "x")), List.of(List.of(List.of(3L, 1L))), List.of());
        assertFalse(((WireCodec.Decoded) WireCodec.decode(scalar, "g", cache)).usedNames());
    }

    @Test
    void theCacheOnlyMovesForwardWhenFetchesFinishOutOfOrder() {
        GraphSchemaCache cache = new GraphSchemaCache("g");
        assertTrue(cache.install(List.of("A", "B"), List.of(), List.of("k", "x")).held());
        // an older fetch (before B and x existed) finishes late: the cache keeps what it knows
        GraphSchemaCache.Snapshot late = cache.install(List.of("A"), List.of(), List.of("k"));
        assertTrue(late.held());
        Object node = List.of(8L, List.of(7L, List.of(1L), List.of(List.of(1L, 2L, "v"))));
        Object reply = List.of(List.of(List.of(1L, "n")), List.of(List.of(node)), List.of());
        WireCodec.Decoded d = assertInstanceOf(WireCodec.Decoded.class, WireCodec.decode(reply, "g", cache));
        assertEquals(List.of("B"), ((NodeValue) d.result().rows().get(0).get(0)).labels());
        // a re-created graph replaces the names, and the snapshot decodes with exactly what was fetched
        GraphSchemaCache.Snapshot recreated = cache.install(List.of("X", "Y"), List.of(), List.of("q", "r"));
        assertFalse(recreated.held());
        WireCodec.Decoded again = assertInstanceOf(WireCodec.Decoded.class, WireCodec.decode(reply, "g", recreated));
        assertEquals(Map.of("r", new StringValue("v")), ((NodeValue) again.result().rows().get(0).get(0)).properties());
    }
}
