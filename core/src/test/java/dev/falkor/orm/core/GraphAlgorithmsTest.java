package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Scored;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.value.GraphValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's algorithms on mapped entities, checked against the same procedures called by hand. */
class GraphAlgorithmsTest extends GraphTestSupport {

    @Node("AStation")
    static class Station {
        @Id Long id;
        String name;

        Station() {
        }
    }

    @BeforeAll
    void seed() {
        // 1 -> 2 -> 3, 1 -> 4 -> 5 -> 3 (the long way), 6 -> 7 apart
        cypher("UNWIND range(1, 7) AS i CREATE (:AStation {id: i, name: 's' + toString(i)})", Map.of());
        cypher("UNWIND [[1,2],[2,3],[1,4],[4,5],[5,3],[6,7]] AS e MATCH (a:AStation {id: e[0]}), (b:AStation {id: e[1]}) "
                + "CREATE (a)-[:LINK {minutes: e[0] * 10 + e[1]}]->(b)", Map.of());
    }

    @Test
    void shortestPathReturnsTheEntitiesAlongIt() {
        dev.falkor.orm.api.EntityPath<Station> path = orm.algorithms().shortestPath(Station.class, 1L, 3L, "LINK")
                .orElseThrow();
        assertEquals(List.of(1L, 2L, 3L), path.nodes().stream().map(s -> s.id).toList());
        assertEquals("s2", path.nodes().get(1).name);
        assertEquals(2, path.length());
        assertEquals(List.of(Map.of("minutes", 12L), Map.of("minutes", 23L)), path.relationships(),
                "the relationships between them, in order");
        assertTrue(orm.algorithms().shortestPath(Station.class, 1L, 7L, "LINK").isEmpty(), "not connected");
        assertThrows(MappingException.class, () -> orm.algorithms().shortestPath(Station.class, 1L, 3L, "BAD TYPE"));
    }

    @Test
    void pageRankAndComponentsMatchTheProcedures() {
        List<Scored<Station>> ranks = orm.algorithms().pageRank(Station.class, "LINK");
        List<Double> expected = new ArrayList<>();
        for (List<GraphValue> row : transport.execute(GraphQuery.read(graph, "CALL algo.pageRank('AStation', 'LINK') "
                + "YIELD node, score RETURN score ORDER BY score DESC", Map.of())).rows()) {
            expected.add(((Number) row.get(0).asJava()).doubleValue());
        }
        assertEquals(expected, ranks.stream().map(Scored::score).toList());
        assertEquals(3L, ranks.get(0).entity().id, "the station every path ends at ranks first");

        Map<Long, List<Station>> components = orm.algorithms().weaklyConnectedComponents(Station.class, "LINK");
        assertEquals(2, components.size());
        assertTrue(components.values().stream().anyMatch(c -> c.size() == 5));
        assertTrue(components.values().stream().anyMatch(c -> c.stream().map(s -> s.id).sorted().toList()
                .equals(List.of(6L, 7L))));
    }
}
