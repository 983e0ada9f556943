package dev.falkor.orm.spi.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Review findings on PairMap and MapValue's acceptance of it (no server needed). */
class PairMapReviewTest {

    /**
     * MapValue is a value record that used to copy any map it was given; it now keeps any
     * PairMap as is. PairMap is public and wraps the caller's arrays, so a MapValue built by
     * anyone from a PairMap changes when those arrays change (its equals/hashCode too).
     */
    @Test
    void aMapValueDoesNotChangeWhenTheArraysItWasBuiltFromChange() {
        String[] keys = {"a"};
        GraphValue[] values = {new IntegerValue(1)};
        MapValue v = new MapValue(new PairMap<>(keys, values));
        int hash = v.hashCode();
        values[0] = new IntegerValue(2);
        assertEquals(new IntegerValue(1), v.get("a"), "the value changed after it was built");
        assertEquals(hash, v.hashCode());
    }

    /** Duplicate keys are a documented precondition, but not checked: the map then breaks the Map contract. */
    @Test
    void duplicateKeysAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PairMap<>(new String[] {"a", "a"}, new Object[] {1L, 2L}),
                "a map of size 2 whose keySet has 1 distinct element was built");
    }

    /** As above: such a map is not equal to the map holding the same entries put in order. */
    @Test
    void aMapWithARepeatedKeyIsNotEqualToTheSameEntriesPutIntoAHashMap() {
        Map<String, Object> pairs;
        try {
            pairs = new PairMap<>(new String[] {"a", "a"}, new Object[] {1L, 2L});
        } catch (IllegalArgumentException refused) {
            return; // fixed: refused
        }
        Map<String, Object> put = new HashMap<>();
        put.put("a", 1L);
        put.put("a", 2L);
        assertEquals(put.size(), pairs.size(), "size");
        assertEquals(put.get("a"), pairs.get("a"), "the last value wins in a map");
    }
}
