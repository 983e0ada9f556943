package dev.falkor.orm.core;

import dev.falkor.orm.api.EntityPath;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Scored;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.relation.FetchTree;
import dev.falkor.orm.core.internal.repository.EntityOperations;
import dev.falkor.orm.core.internal.repository.RepositoryFactory;
import dev.falkor.orm.spi.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FalkorDB's graph algorithms on mapped entities, from {@link FalkorOrm#algorithms()}: the
 * server's {@code algo.*} procedures, with the nodes they return read as entities. Labels come
 * from the mapping and relationship types are checked identifiers; every value is a parameter.
 */
public final class GraphAlgorithms {
    private final RepositoryFactory repositories;

    GraphAlgorithms(RepositoryFactory repositories) {
        this.repositories = repositories;
    }

    /**
     * A shortest path between two entities of {@code type} (by id) over relationships of
     * {@code relationshipType} in their direction ({@code algo.SPpaths}): the entities along it, the
     * start first, and the properties of the relationships between them; empty if none connects them.
     */
    public <T> Optional<EntityPath<T>> shortestPath(Class<T> type, Object fromId, Object toId, String relationshipType) {
        EntityOperations<Object> ops = operations(type, relationshipType);
        String label = Identifiers.quote(ops.metadata().primaryLabel());
        String id = ops.metadata().id().quotedName();
        String cypher = "MATCH (a:" + label + " {" + id + ": $from}), (b:" + label + " {" + id + ": $to}) "
                + "CALL algo.SPpaths({sourceNode: a, targetNode: b, relTypes: [$type], pathCount: 1}) "
                + "YIELD path UNWIND range(0, length(path)) AS __i WITH path, __i, nodes(path)[__i] AS n "
                + "RETURN " + ops.shape().returnItems("n") + ", CASE WHEN __i < length(path) "
                + "THEN properties(relationships(path)[__i]) END AS __rel ORDER BY __i";
        Map<String, Object> params = Map.of("from", ops.idParameter(fromId), "to", ops.idParameter(toId),
                "type", relationshipType);
        return run(ops, cypher, params, r -> {
            List<Object> nodes = ops.readAll(r, FetchTree.none());
            if (nodes.isEmpty()) {
                return Optional.<EntityPath<T>>empty();
            }
            int rel = r.indexOf("__rel");
            List<Map<String, Object>> rels = new ArrayList<>();
            for (int i = 0; i + 1 < r.rows().size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> props = (Map<String, Object>) r.rows().get(i).get(rel).asJava();
                rels.add(props == null ? Map.of() : props);
            }
            return Optional.of(new EntityPath<>(cast(type, nodes), rels));
        });
    }

    /**
     * PageRank of the entities of {@code type} over relationships of {@code relationshipType}
     * ({@code algo.pageRank}), highest first.
     */
    public <T> List<Scored<T>> pageRank(Class<T> type, String relationshipType) {
        EntityOperations<Object> ops = operations(type, relationshipType);
        String cypher = "CALL algo.pageRank($label, $type) YIELD node, score WITH node AS n, score RETURN "
                + ops.shape().returnItems("n") + ", score AS __score ORDER BY __score DESC";
        return run(ops, cypher, Map.of("label", ops.metadata().primaryLabel(), "type", relationshipType), r -> {
            List<Object> entities = ops.readAll(r, FetchTree.none());
            int score = r.indexOf("__score");
            List<Scored<T>> out = new ArrayList<>();
            for (int i = 0; i < entities.size(); i++) {
                out.add(new Scored<>(type.cast(entities.get(i)), number(r.rows().get(i).get(score).asJava())));
            }
            return out;
        });
    }

    /**
     * The weakly connected components of the entities of {@code type} over relationships of
     * {@code relationshipType} (direction ignored; {@code algo.WCC}): component id to its members.
     */
    public <T> Map<Long, List<T>> weaklyConnectedComponents(Class<T> type, String relationshipType) {
        EntityOperations<Object> ops = operations(type, relationshipType);
        String cypher = "CALL algo.WCC({nodeLabels: [$label], relationshipTypes: [$type]}) YIELD node, componentId "
                + "WITH node AS n, componentId RETURN " + ops.shape().returnItems("n") + ", componentId AS __component "
                + "ORDER BY __component";
        return run(ops, cypher, Map.of("label", ops.metadata().primaryLabel(), "type", relationshipType), r -> {
            List<Object> entities = ops.readAll(r, FetchTree.none());
            int component = r.indexOf("__component");
            Map<Long, List<T>> out = new LinkedHashMap<>();
            for (int i = 0; i < entities.size(); i++) {
                long c = (long) number(r.rows().get(i).get(component).asJava());
                out.computeIfAbsent(c, k -> new ArrayList<>()).add(type.cast(entities.get(i)));
            }
            return out;
        });
    }

    private EntityOperations<Object> operations(Class<?> type, String relationshipType) {
        if (relationshipType == null || !Identifiers.isValid(relationshipType)) {
            throw new MappingException("Relationship type '" + relationshipType + "' is not a valid identifier");
        }
        return repositories.operations(type);
    }

    private static <R> R run(EntityOperations<Object> ops, String cypher, Map<String, Object> params,
                             java.util.function.Function<QueryResult, R> mapping) {
        return ops.graph().run(Step.run(ops.graph().readQuery(cypher, params), true, mapping));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Class<T> type, List<Object> nodes) {
        for (Object o : nodes) {
            type.cast(o);
        }
        return (List<T>) nodes;
    }
}
