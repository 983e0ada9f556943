package dev.falkor.orm.spi.value;

import java.util.List;

/** A path: {@code nodes.size() == relationships.size() + 1} for a non-empty path. */
public record PathValue(List<NodeValue> nodes, List<RelationshipValue> relationships)
        implements GraphValue {
    public PathValue {
        nodes = List.copyOf(nodes);
        relationships = List.copyOf(relationships);
    }

    @Override
    public Object asJava() {
        return this;
    }
}
