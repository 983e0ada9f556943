package dev.falkor.orm.spi.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node. {@code id} is the server's internal id: it is reused after deletion, so it must
 * never serve as an entity's identity.
 */
public record NodeValue(long id, List<String> labels, Map<String, GraphValue> properties)
        implements GraphValue {
    public NodeValue {
        labels = List.copyOf(labels);
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
