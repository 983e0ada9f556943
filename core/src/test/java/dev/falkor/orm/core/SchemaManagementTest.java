package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.FulltextIndexed;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Indexed;
import dev.falkor.orm.api.annotation.Mandatory;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.RelationshipProperties;
import dev.falkor.orm.api.annotation.TargetNode;
import dev.falkor.orm.api.annotation.Unique;
import dev.falkor.orm.api.annotation.VectorIndexed;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.GraphValue;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Declared indexes and constraints on a real server: created at startup, read back from
 * {@code db.indexes()}/{@code db.constraints()} with plain Cypher, planned against a graph that
 * differs in each way, applied idempotently, validated; violations reported by the server as
 * typed exceptions; the vector dimension checked on save.
 */
class SchemaManagementTest extends GraphTestSupport {

    @Node("Article")
    static class Article {
        @Id String id;
        @Unique String slug;
        @Indexed int year;
        @Mandatory String title;
        @FulltextIndexed(language = "english") String body;
        @VectorIndexed(dimension = 3, similarity = VectorIndexed.Similarity.EUCLIDEAN) float[] embedding;
        @Relationship(type = "CITES") List<Citation> citations = new ArrayList<>();

        Article() {
        }

        Article(String id, String slug, int year, String title, float[] embedding) {
            this.id = id;
            this.slug = slug;
            this.year = year;
            this.title = title;
            this.embedding = embedding;
        }
    }

    @RelationshipProperties
    static class Citation {
        @Indexed int page;
        @TargetNode Article target;

        Citation() {
        }
    }

    interface Articles extends Repository<Article, String> {
    }

    private FalkorOrm mapper(String g, SchemaMode mode) {
        return FalkorOrm.builder().transport(transport).graph(g).lookup(MethodHandles.lookup()).schemaMode(mode)
                .entities(Article.class).build();
    }

    /** The graph's indexes and constraints as plain Cypher shows them: "KIND label.property". */
    private Set<String> stored(String g) {
        Set<String> out = new TreeSet<>();
        QueryResult r = transport.execute(GraphQuery.read(g, "CALL db.indexes() YIELD label, types, entitytype "
                + "RETURN label, types, entitytype", Map.of()));
        for (List<GraphValue> row : r.rows()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> types = (Map<String, Object>) row.get(1).asJava();
            types.forEach((prop, kinds) -> ((List<?>) kinds).forEach(k -> out.add(k + " " + row.get(2).asJava() + " "
                    + row.get(0).asJava() + "." + prop)));
        }
        QueryResult c = transport.execute(GraphQuery.read(g, "CALL db.constraints() YIELD type, label, properties, "
                + "entitytype, status RETURN type, label, properties, entitytype, status", Map.of()));
        for (List<GraphValue> row : c.rows()) {
            out.add(row.get(0).asJava() + " " + row.get(3).asJava() + " " + row.get(1).asJava() + "."
                    + row.get(2).asJava() + " " + row.get(4).asJava());
        }
        return out;
    }

    @Test
    void everyDeclaredKindIsCreatedAtStartupAndReadBack() {
        String g = graph + "_create";
        try (FalkorOrm orm = mapper(g, SchemaMode.CREATE)) {
            Set<String> s = stored(g);
            for (String expected : List.of("RANGE NODE Article.id", "RANGE NODE Article.slug", "RANGE NODE Article.year",
                    "FULLTEXT NODE Article.body", "VECTOR NODE Article.embedding", "RANGE RELATIONSHIP CITES.page",
                    "UNIQUE NODE Article.[slug] OPERATIONAL", "MANDATORY NODE Article.[title] OPERATIONAL")) {
                assertTrue(s.contains(expected), expected + " in " + s);
            }
            assertTrue(orm.schema().plan().isEmpty(), orm.schema().plan().toString());
            orm.schema().validate();
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    void violationsAreTypedAndTheVectorDimensionIsCheckedOnSave() {
        String g = graph + "_violations";
        try (FalkorOrm orm = mapper(g, SchemaMode.CREATE)) {
            Articles articles = orm.repository(Articles.class);
            articles.save(new Article("a1", "first", 2020, "First", new float[] {1, 2, 3}));
            ConstraintViolationException unique = assertThrows(ConstraintViolationException.class,
                    () -> articles.save(new Article("a2", "first", 2021, "Second", null)));
            assertTrue(unique.getMessage().contains("slug"), unique.getMessage());
            ConstraintViolationException mandatory = assertThrows(ConstraintViolationException.class,
                    () -> articles.save(new Article("a3", "third", 2021, null, null)));
            assertTrue(mandatory.getMessage().contains("title"), mandatory.getMessage());
            // upserts of a label with a mandatory constraint: existing nodes updated, new ones created whole
            articles.saveAll(List.of(new Article("a1", "first", 2020, "First, revised", new float[] {1, 2, 3}),
                    new Article("a5", "fifth", 2024, "Fifth", new float[] {3, 2, 1})));
            assertEquals("First, revised", scalarIn(g, "MATCH (a:Article {id: 'a1'}) RETURN a.title").asJava());
            assertEquals("Fifth", scalarIn(g, "MATCH (a:Article {id: 'a5'}) RETURN a.title").asJava());
            ConstraintViolationException removed = assertThrows(ConstraintViolationException.class,
                    () -> articles.save(new Article("a1", "first", 2020, null, null)));
            assertTrue(removed.getMessage().contains("title"), removed.getMessage());
            assertEquals("First, revised", scalarIn(g, "MATCH (a:Article {id: 'a1'}) RETURN a.title").asJava(),
                    "the refused update changed nothing");
            InvalidEntityException wrongSize = assertThrows(InvalidEntityException.class,
                    () -> articles.save(new Article("a4", "fourth", 2022, "Fourth", new float[] {1, 2})));
            assertTrue(wrongSize.getMessage().contains("embedding") && wrongSize.getMessage().contains("3"),
                    wrongSize.getMessage());
            assertEquals(2L, ((dev.falkor.orm.spi.value.IntegerValue) scalarIn(g, "MATCH (a:Article) RETURN count(a)"))
                    .value(), "only a1 and a5 were stored");
        } finally {
            transport.deleteGraph(g);
        }
    }

    private GraphValue scalarIn(String g, String cypher) {
        return transport.execute(GraphQuery.read(g, cypher, Map.of())).scalar();
    }

    @Test
    void planFindsMissingMismatchedAndExtraAndApplyFixesThemIdempotently() {
        String g = graph + "_plan";
        transport.execute(GraphQuery.write(g, "CREATE (:Article {id: 'x', title: 'T'})"));
        // the graph differs in each way: the vector index has another dimension, an extra index exists,
        // and nothing else is there
        transport.execute(GraphQuery.write(g, "CREATE VECTOR INDEX FOR (n:Article) ON (n.embedding) OPTIONS "
                + "{dimension: 8, similarityFunction: 'cosine'}"));
        transport.execute(GraphQuery.write(g, "CREATE INDEX FOR (n:Article) ON (n.legacy)"));
        try (FalkorOrm orm = mapper(g, SchemaMode.NONE)) {
            SchemaPlan plan = orm.schema().plan();
            List<String> missing = plan.missing().stream().map(SchemaObject::key).toList();
            assertTrue(missing.contains("UNIQUE_CONSTRAINT (:Article).slug"), plan.toString());
            assertTrue(missing.contains("MANDATORY_CONSTRAINT (:Article).title"), plan.toString());
            assertTrue(missing.contains("RANGE_INDEX -[:CITES]-.page"), plan.toString());
            assertEquals(1, plan.mismatched().size(), plan.toString());
            assertEquals(8L, ((Number) plan.mismatched().get(0).actual().options().get("dimension")).longValue());
            assertTrue(plan.extra().stream().anyMatch(o -> o.property().equals("legacy")), plan.toString());
            assertThrows(ConfigurationException.class, () -> orm.schema().validate());

            orm.schema().apply(plan);
            Set<String> s = stored(g);
            assertTrue(s.contains("RANGE NODE Article.legacy"), "extras stay unless asked: " + s);
            assertTrue(orm.schema().plan().isEmpty(), orm.schema().plan().toString());
            assertEquals(3L, ((Number) transport.execute(GraphQuery.read(g, "CALL db.indexes() YIELD label, options "
                    + "WHERE label = 'Article' RETURN options.embedding.dimension", Map.of())).scalar().asJava()).longValue(),
                    "the mismatched vector index was re-created with the declared dimension");
            orm.schema().apply(plan); // again: nothing fails, nothing changes
            orm.schema().validate();

            orm.schema().apply(orm.schema().plan().droppingExtras());
            assertTrue(!stored(g).contains("RANGE NODE Article.legacy"), "dropped when asked: " + stored(g));
        } finally {
            transport.deleteGraph(g);
        }
    }

    @Test
    void aConstraintTheDataViolatesFailsClearlyAndValidateNamesIt() {
        String g = graph + "_violated";
        transport.execute(GraphQuery.write(g, "CREATE (:Article {id: 'a', slug: 'same', title: 'A'}), "
                + "(:Article {id: 'b', slug: 'same', title: 'B'})"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> mapper(g, SchemaMode.CREATE));
        assertTrue(e.getMessage().contains("slug") && e.getMessage().contains("violates"), e.getMessage());
        try (FalkorOrm orm = mapper(g, SchemaMode.NONE)) {
            SchemaPlan plan = orm.schema().plan();
            assertTrue(plan.mismatched().stream().anyMatch(m -> "FAILED".equals(m.actual().status())), plan.toString());
            ConfigurationException invalid = assertThrows(ConfigurationException.class, () -> orm.schema().validate());
            assertTrue(invalid.getMessage().contains("unique constraint on (:Article).slug"), invalid.getMessage());
        } finally {
            transport.deleteGraph(g);
        }
        assertInstanceOf(ConfigurationException.class, e);
    }

    @Test
    void validateModeNamesWhatIsMissing() {
        String g = graph + "_validate";
        transport.execute(GraphQuery.write(g, "RETURN 1"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> mapper(g, SchemaMode.VALIDATE));
        assertTrue(e.getMessage().contains("mandatory constraint on (:Article).title")
                && e.getMessage().contains("GRAPH.CONSTRAINT CREATE"), e.getMessage());
        transport.deleteGraph(g);
    }
}
