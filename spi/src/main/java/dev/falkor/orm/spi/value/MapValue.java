package dev.falkor.orm.spi.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Cypher map; iteration follows the order the server sent. */
public record MapValue(Map<String, GraphValue> values) implements GraphValue {
    public MapValue {
        values = values instanceof Owned || (values instanceof PairMap<?> pm && pm.owned()) ? values
                : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * A map value over {@code entries} without copying them, for decoders that built the map
     * for this value alone: the caller hands it over and must not keep or change it.
     */
    public static MapValue ofOwned(LinkedHashMap<String, GraphValue> entries) {
        return new MapValue(new Owned(entries));
    }

    /**
     * A map value over parallel arrays of distinct keys and their values, in that order, without
     * copying them: for decoders (a node's properties are a handful of entries, and two arrays
     * cost a fraction of a hash map's nodes). The caller hands the arrays over and must not keep
     * or change them; keys must be distinct (a server map's are).
     */
    public static MapValue ofPairs(String[] keys, GraphValue[] values) {
        return new MapValue(new PairMap<GraphValue>(keys, values, true));
    }

    /** A read-only view of a map nobody else holds. */
    private static final class Owned extends java.util.AbstractMap<String, GraphValue> {
        private final Map<String, GraphValue> entries;

        Owned(Map<String, GraphValue> entries) {
            this.entries = entries;
        }

        @Override
        public java.util.Set<Entry<String, GraphValue>> entrySet() {
            return Collections.unmodifiableMap(entries).entrySet();
        }

        @Override
        public GraphValue get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public GraphValue getOrDefault(Object key, GraphValue defaultValue) {
            return entries.getOrDefault(key, defaultValue);
        }
    }

    /** The value under {@code key}, or {@link NullValue#INSTANCE} if absent. */
    public GraphValue get(String key) {
        return values.getOrDefault(key, NullValue.INSTANCE);
    }

    @Override
    public Object asJava() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.asJava()));
        return Collections.unmodifiableMap(out);
    }
}
