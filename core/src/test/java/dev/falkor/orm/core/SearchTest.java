package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.Scored;
import dev.falkor.orm.api.annotation.FulltextIndexed;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.VectorIndexed;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.value.GraphValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full-text and vector search as repository methods, checked against the same procedure called by
 * hand on the same data: 10,000 documents with 8-dimensional vectors.
 */
class SearchTest extends GraphTestSupport {
    static final int DOCS = 10_000;
    static final int DIM = 8;

    @Node("SDoc")
    static class Doc {
        @Id Long id;
        @FulltextIndexed String body;
        int year;
        @VectorIndexed(dimension = DIM, similarity = VectorIndexed.Similarity.EUCLIDEAN) float[] embedding;

        Doc() {
        }

        Doc(long id, String body, int year, float[] embedding) {
            this.id = id;
            this.body = body;
            this.year = year;
            this.embedding = embedding;
        }
    }

    interface Docs extends Repository<Doc, Long> {
        List<Scored<Doc>> searchBody(String query, int limit);

        List<Scored<Doc>> searchBodyByYear(String query, int year, int limit);

        List<Scored<Doc>> nearestEmbedding(float[] vector, int k);

        List<Scored<Doc>> nearestEmbeddingByYearGreaterThanEqual(float[] vector, int year, int k);
    }

    interface NotIndexed extends Repository<Doc, Long> {
        List<Scored<Doc>> nearestBody(float[] vector, int k);
    }

    private static final String[] WORDS = {"graph", "database", "falkor", "vector", "search", "cypher", "redis",
            "index", "query", "node"};
    private Docs docs;

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextDouble();
        }
        return v;
    }

    @BeforeAll
    void seed() {
        docs = orm.repository(Docs.class);
        SplittableRandom random = new SplittableRandom(42);
        List<Doc> all = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            String body = WORDS[i % WORDS.length] + " " + WORDS[(i / 10) % WORDS.length] + " doc" + i;
            all.add(new Doc(i, body, 2000 + i % 25, vector(random)));
        }
        docs.saveAll(all);
    }

    private List<List<Object>> byHand(String cypher, Map<String, ?> params) {
        List<List<Object>> out = new ArrayList<>();
        for (List<GraphValue> row : transport.execute(GraphQuery.read(graph, cypher, params)).rows()) {
            out.add(List.of(row.get(0).asJava(), ((Number) row.get(1).asJava()).doubleValue()));
        }
        return out;
    }

    private static List<List<Object>> asRows(List<Scored<Doc>> found) {
        List<List<Object>> out = new ArrayList<>();
        found.forEach(s -> out.add(List.of(s.entity().id, s.score())));
        return out;
    }

    @Test
    void fullTextSearchReturnsTheProceduresNodesAndScores() {
        List<Scored<Doc>> found = docs.searchBody("falkor", 5);
        assertEquals(5, found.size());
        found.forEach(s -> assertTrue(s.entity().body.contains("falkor"), s.entity().body));
        List<List<Object>> expected = byHand("CALL db.idx.fulltext.queryNodes('SDoc', 'falkor') YIELD node, score "
                + "RETURN node.id, score ORDER BY score DESC LIMIT 5", Map.of());
        assertEquals(expected.stream().map(r -> r.get(1)).toList(), asRows(found).stream().map(r -> r.get(1)).toList(),
                "the same scores");
        List<Scored<Doc>> filtered = docs.searchBodyByYear("falkor", 2002, 50);
        assertFalse(filtered.isEmpty());
        filtered.forEach(s -> assertEquals(2002, s.entity().year));
        List<List<Object>> expectedFiltered = byHand("CALL db.idx.fulltext.queryNodes('SDoc', 'falkor') YIELD node, "
                + "score WHERE node.year = 2002 RETURN node.id, score ORDER BY score DESC LIMIT 50", Map.of());
        assertEquals(expectedFiltered.size(), filtered.size());
        assertTrue(docs.searchBody("nosuchword", 5).isEmpty());
    }

    @Test
    void vectorSearchOverTenThousandVectorsMatchesTheProcedure() {
        float[] probe = vector(new SplittableRandom(7));
        List<Double> probeList = new ArrayList<>();
        for (float f : probe) {
            probeList.add((double) f);
        }
        docs.nearestEmbedding(probe, 10); // warm up
        long start = System.nanoTime();
        List<Scored<Doc>> nearest = docs.nearestEmbedding(probe, 10);
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        System.out.println("[SearchTest] 10 nearest of " + DOCS + " vectors (dimension " + DIM + "): " + micros + " µs");
        assertEquals(10, nearest.size());
        List<List<Object>> expected = byHand("CALL db.idx.vector.queryNodes('SDoc', 'embedding', 10, vecf32($v)) "
                + "YIELD node, score RETURN node.id, score ORDER BY score ASC", Map.of("v", probeList));
        assertEquals(expected, asRows(nearest), "the same nodes and distances, closest first");
        for (int i = 1; i < nearest.size(); i++) {
            assertTrue(nearest.get(i - 1).score() <= nearest.get(i).score());
        }
        // exhaustive check of the nearest: no vector is closer than the first result
        double best = Double.MAX_VALUE;
        for (List<GraphValue> row : transport.execute(GraphQuery.read(graph, "MATCH (d:SDoc) RETURN d.id, "
                + "vec.euclideanDistance(d.embedding, vecf32($v)) AS dist ORDER BY dist ASC LIMIT 1",
                Map.of("v", probeList))).rows()) {
            best = ((Number) row.get(1).asJava()).doubleValue();
        }
        assertEquals(best, nearest.get(0).score(), 1e-5, "the index found the true nearest");
        List<Scored<Doc>> recent = docs.nearestEmbeddingByYearGreaterThanEqual(probe, 2020, 50);
        recent.forEach(s -> assertTrue(s.entity().year >= 2020));
        assertTrue(recent.size() <= 50);
        assertThrows(IllegalArgumentException.class, () -> docs.nearestEmbedding(new float[3], 5),
                "a query vector of the wrong dimension");
    }

    @Test
    void aSearchOverAPropertyWithoutTheIndexFailsAtBootstrap() {
        MappingException e = assertThrows(MappingException.class, () -> orm.repository(NotIndexed.class));
        assertTrue(e.getMessage().contains("not @VectorIndexed"), e.getMessage());
    }
}
