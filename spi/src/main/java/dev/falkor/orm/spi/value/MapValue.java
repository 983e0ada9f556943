package dev.falkor.orm.spi.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Cypher map; iteration follows the order the server sent. */
public record MapValue(Map<String, GraphValue> values) implements GraphValue {
    public MapValue {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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
