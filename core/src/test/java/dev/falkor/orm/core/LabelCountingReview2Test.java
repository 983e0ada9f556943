package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Mandatory;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.spi.GraphQuery;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Review 2 of the FalkorDB 4.22 "labels added" change: the name-registration statement now
 * creates two nodes of the entity's label, so it meets every constraint on that label.
 */
class LabelCountingReview2Test extends dev.falkor.orm.testkit.GraphTest {

    @Node("R2Doc")
    public record Doc(@Id Long id, @Mandatory String code, String title) {
    }

    public interface Docs extends Repository<Doc, Long> {
    }

    @Node("R2NoneDoc")
    public record NoneDoc(@Id Long id, @Mandatory String code, String title) {
    }

    public interface NoneDocs extends Repository<NoneDoc, Long> {
    }

    private FalkorOrm.Builder mapper(String g) {
        return FalkorOrm.builder().transport(transport).graph(g).lookup(MethodHandles.lookup());
    }

    private void run(String g, String cypher) {
        transport.execute(GraphQuery.write(g, cypher));
    }

    /**
     * A graph whose schema is partly managed elsewhere (a migration, or by hand): a mandatory
     * constraint the entity's annotations do not declare, on a property the application always
     * sets. Every save satisfies it (the entity has a {@code @Mandatory} property, so missing
     * nodes are created with all their properties inline); before this change the mapper started
     * fine on it (its name-registration node had no label). Now the start-up statement creates two R2Doc nodes
     * without {@code title}, the server refuses the statement, and the mapper cannot be built,
     * on every FalkorDB version.
     */
    @Test
    void aMandatoryConstraintFromAMigrationDoesNotStopTheMapper() {
        String g = graph + "_mandatory";
        try {
            run(g, "RETURN 1");
            transport.command("GRAPH.CONSTRAINT", "CREATE", g, "MANDATORY", "NODE", "R2Doc", "PROPERTIES", "1", "title");
            // the constraint is built asynchronously on an empty label: operational at once in practice
            assertDoesNotThrow(() -> {
                try (FalkorOrm orm = mapper(g).entities(Doc.class).build()) {
                    orm.repository(Docs.class).save(new Doc(1L, "c1", "kept"));
                }
            });
            assertEquals(1L, transport.execute(GraphQuery.read(g, "MATCH (d:R2Doc) RETURN count(d)", Map.of()))
                    .scalar().asJava());
        } finally {
            transport.deleteGraph(g);
        }
    }

    /**
     * SchemaMode.NONE on FalkorDB 4.22: the mapper does not touch the schema, the user's own
     * mandatory constraints are met by every save (created inline, as {@code @Mandatory code}
     * makes the writer do). The first save is written, then its reply
     * handler learns the label-counting rule by running the probe statement, which the
     * constraint refuses: the caller gets an exception for a save that is stored. (On 4.16 the
     * probe runs too, for a label new to the graph, but the label exists here.)
     */
    @Test
    void noneModeSaveThatIsStoredIsReportedAsStored() {
        String g = graph + "_none";
        try {
            run(g, "RETURN 1");
            // NONE: the schema is the user's, here the annotations' constraint plus one of their own
            transport.command("GRAPH.CONSTRAINT", "CREATE", g, "MANDATORY", "NODE", "R2NoneDoc", "PROPERTIES", "1",
                    "code");
            transport.command("GRAPH.CONSTRAINT", "CREATE", g, "MANDATORY", "NODE", "R2NoneDoc", "PROPERTIES", "1",
                    "title");
            try (FalkorOrm orm = mapper(g).schemaMode(SchemaMode.NONE).build()) {
                NoneDocs docs = orm.repository(NoneDocs.class);
                Throwable thrown = null;
                try {
                    docs.save(new NoneDoc(1L, "c1", "stored"));
                } catch (RuntimeException e) {
                    thrown = e;
                }
                long stored = (Long) transport.execute(GraphQuery.read(g,
                        "MATCH (d:R2NoneDoc) RETURN count(d)", Map.of())).scalar().asJava();
                Throwable t = thrown;
                assertEquals(1L, stored, () -> "the save was written; it threw " + t);
                assertEquals(null, thrown, "a save that was written must not be reported as failed");
            }
        } finally {
            transport.deleteGraph(g);
        }
    }
}
