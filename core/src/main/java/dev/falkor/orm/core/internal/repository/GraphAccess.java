package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import java.util.Map;

/** The transport bound to one graph: reads go to {@code GRAPH.RO_QUERY}, writes to {@code GRAPH.QUERY}. */
public record GraphAccess(Transport transport, String graph) {

    public QueryResult read(String cypher, Map<String, ?> parameters) {
        return transport.execute(GraphQuery.read(graph, cypher, parameters));
    }

    public QueryResult write(String cypher, Map<String, ?> parameters) {
        return transport.execute(GraphQuery.write(graph, cypher, parameters));
    }
}
