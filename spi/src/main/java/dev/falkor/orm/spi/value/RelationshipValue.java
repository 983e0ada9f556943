package dev.falkor.orm.spi.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A relationship (edge). Ids are the server's internal ids; see {@link NodeValue}. */
public record RelationshipValue(long id, String type, long startId, long endId,
                                Map<String, GraphValue> properties) implements GraphValue {
    public RelationshipValue {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The property under {@code key}, or {@link NullValue#INSTANCE} if absent. */
    public GraphValue property(String key) {
        return properties.getOrDefault(key, NullValue.INSTANCE);
    }

    @Override
    public Object asJava() {
        return this;
    }
}
