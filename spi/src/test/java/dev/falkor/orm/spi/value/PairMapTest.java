package dev.falkor.orm.spi.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairMapTest {

    @Test
    void behavesAsAReadOnlyMapInItsOrder() {
        Map<String, Object> m = new PairMap<>(new String[] {"b", "a", "n"}, new Object[] {2L, "x", null});
        Map<String, Object> same = new HashMap<>();
        same.put("a", "x");
        same.put("b", 2L);
        same.put("n", null);
        assertEquals(same, m);
        assertEquals(m, same);
        assertEquals(same.hashCode(), m.hashCode());
        assertEquals(List.of("b", "a", "n"), new ArrayList<>(m.keySet()), "the order given");
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
        assertFalse(m.containsKey("z"));
        assertEquals("d", m.getOrDefault("z", "d"));
        assertThrows(UnsupportedOperationException.class, () -> m.put("c", 1));
        assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().next().setValue(1));
        assertThrows(IllegalArgumentException.class, () -> new PairMap<>(new String[] {"a"}, new Object[0]));
        Map<String, GraphValue> graph = new HashMap<>();
        graph.put("a", new StringValue("x"));
        graph.put("b", new IntegerValue(2));
        MapValue pairs = MapValue.ofPairs(new String[] {"a", "b"}, new GraphValue[] {new StringValue("x"), new IntegerValue(2)});
        assertEquals(new MapValue(graph), pairs);
        assertEquals(new IntegerValue(2), pairs.get("b"));
        assertEquals(NullValue.INSTANCE, pairs.get("missing"));
    }
}
