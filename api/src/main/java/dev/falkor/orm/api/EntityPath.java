package dev.falkor.orm.api;

import java.util.List;
import java.util.Map;

/**
 * A path through the graph as mapped entities: its nodes in order, and between each two the
 * properties of the relationship that joins them ({@code relationships().get(i)} joins
 * {@code nodes().get(i)} and {@code nodes().get(i + 1)}), as plain Java values.
 *
 * @param nodes         the entities along the path, the start first
 * @param relationships the relationships' properties, one fewer than the nodes
 * @param <T>           the entity type
 */
public record EntityPath<T>(List<T> nodes, List<Map<String, Object>> relationships) {
    public EntityPath {
        nodes = List.copyOf(nodes);
        relationships = List.copyOf(relationships);
    }

    /** The number of relationships (0 for a path from a node to itself). */
    public int length() {
        return relationships.size();
    }
}
