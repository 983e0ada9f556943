package dev.falkor.orm.spi.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Cypher list. */
public record ListValue(List<GraphValue> values) implements GraphValue {
    public ListValue {
        values = List.copyOf(values);
    }

    @Override
    public Object asJava() {
        List<Object> out = new ArrayList<>(values.size());
        for (GraphValue v : values) {
            out.add(v.asJava());
        }
        return Collections.unmodifiableList(out);
    }
}
