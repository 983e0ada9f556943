package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.IdGenerator;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Interned;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Unique;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entities whose id the mapper generates in the call are created with their properties inline
 * (a MERGE with SET on a new node costs time proportional to the graph's size); everything else
 * is upserted. Checked on the statements sent and on the graph read back with plain Cypher.
 */
class NewNodeCreateTest extends GraphTestSupport {
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    @Node("Gadget")
    static class Gadget {
        @Id @GeneratedValue String id;
        String name;
        @Interned String kind;
        float[] embedding;
        Integer rank;
        @Relationship(type = "PART_OF") Gadget parent;
    }

    @Node({"Tool", "Gadget2"})
    static class Tool {
        @Id @GeneratedValue String id;
        String name;
        Map<String, String> attributes;
    }

    /** A generator that hands out the same id: the unique constraint must still hold. */
    public static final class Constant implements IdGenerator {
        @Override
        public Object generate(Class<?> idType, Class<?> entityType) {
            return "same";
        }
    }

    @Node("Ticket")
    static class Ticket {
        @Id @Unique @GeneratedValue(generator = Constant.class) String id;
        String title;
    }

    interface Gadgets extends Repository<Gadget, String> {
    }

    interface Tools extends Repository<Tool, String> {
    }

    interface Tickets extends Repository<Ticket, String> {
    }

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.entities(Gadget.class, Tool.class, Ticket.class, Plate.class)
                .decorateExecutor(next -> new dev.falkor.orm.core.internal.exec.Executor.Forwarding(next) {
                    @Override
                    public dev.falkor.orm.spi.QueryResult execute(dev.falkor.orm.spi.GraphQuery query) {
                        sent.add(query.cypher());
                        return next.execute(query);
                    }
                });
    }

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        sent.clear();
    }

    private String lastWrite() {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).contains("CREATE (") || sent.get(i).contains("MERGE (n")) {
                return sent.get(i);
            }
        }
        return "";
    }

    @Test
    void aNewEntityWithAGeneratedIdIsCreatedInline() {
        Gadgets gadgets = orm.repository(Gadgets.class);
        Gadget g = new Gadget();
        g.name = "drill";
        g.kind = "tool";
        g.embedding = new float[] {0.5f, 1.5f};
        g.rank = null;
        gadgets.save(g);
        assertNotNull(g.id);
        assertTrue(lastWrite().contains("CREATE (n:`Gadget` {"), lastWrite());
        assertFalse(lastWrite().contains("MERGE (n:`Gadget`"), lastWrite());
        List<dev.falkor.orm.spi.value.GraphValue> row = cypher("MATCH (n:Gadget) RETURN n.id, n.name, n.kind, "
                + "typeOf(n.embedding), n.rank IS NULL, size(keys(n))", Map.of()).rows().get(0);
        assertEquals(g.id, row.get(0).asJava());
        assertEquals("drill", row.get(1).asJava());
        assertEquals("tool", row.get(2).asJava());
        assertEquals("Vectorf32", row.get(3).asJava());
        assertEquals(true, row.get(4).asJava(), "a null property is not stored");
        assertEquals(4L, row.get(5).asJava());

        // saved again, the id exists: an upsert, still one node
        g.name = "hammer";
        g.rank = 3;
        gadgets.save(g);
        assertTrue(lastWrite().contains("MERGE (n:`Gadget`"), "the id exists now: an upsert: " + lastWrite());
        assertEquals(1, count("(:Gadget)"));
        assertEquals("hammer", scalar("MATCH (n:Gadget) RETURN n.name", Map.of()).asJava());
        assertEquals(3L, scalar("MATCH (n:Gadget) RETURN n.rank", Map.of()).asJava());
    }

    @Test
    void newAndExistingEntitiesInOneSaveAllAndThroughRelationships() {
        Gadgets gadgets = orm.repository(Gadgets.class);
        Gadget old = new Gadget();
        old.name = "old";
        gadgets.save(old);
        old.name = "old, renamed";
        Gadget child = new Gadget();
        child.name = "child";
        child.parent = new Gadget(); // new, reached by cascade: created too
        child.parent.name = "parent";
        sent.clear();
        gadgets.saveAll(List.of(old, child));
        String write = String.join("\n", sent);
        assertTrue(write.contains("CREATE (n:`Gadget` {") && write.contains("MERGE (n:`Gadget`"), write);
        assertFalse(write.contains("NOT b.`id` IN"), "nodes created in this call have nothing to prune: " + write);
        assertEquals(3, count("(:Gadget)"));
        assertEquals("old, renamed", scalar("MATCH (n:Gadget {id: $id}) RETURN n.name", Map.of("id", old.id)).asJava());
        assertEquals(1, count("(:Gadget {name: 'child'})-[:PART_OF]->(:Gadget {name: 'parent'})"),
                "the edge to a node created in the same statement");
    }

    @Test
    void entitiesWithMapFieldsAndSeveralLabels() {
        Tools tools = orm.repository(Tools.class);
        Tool t = new Tool();
        t.name = "saw";
        t.attributes = Map.of("teeth", "24");
        tools.save(t);
        assertTrue(lastWrite().contains("MERGE (n:`Tool`"), "Map fields have no names to inline: " + lastWrite());
        assertEquals("24", scalar("MATCH (n:Tool:Gadget2) RETURN n.`attributes.teeth`", Map.of()).asJava());
    }

    @Test
    void uniqueConstraintsHoldForCreatedNodes() {
        Tickets tickets = orm.repository(Tickets.class);
        Ticket a = new Ticket();
        a.title = "first";
        tickets.save(a);
        Ticket b = new Ticket();
        b.title = "second";
        assertThrows(ConstraintViolationException.class, () -> tickets.save(b));
        assertEquals(1, count("(:Ticket)"));
        assertEquals("first", scalar("MATCH (n:Ticket) RETURN n.title", Map.of()).asJava());
    }

    @Node("Plate")
    static class Plate {
        @Id Long id;
        String name;
        @Interned String kind;

        Plate() {
        }

        Plate(Long id, String name, String kind) {
            this.id = id;
            this.name = name;
            this.kind = kind;
        }
    }

    interface Plates extends Repository<Plate, Long> {
    }

    @Test
    void aSaveWithAnAssignedIdIsAnUpsert() {
        Plates plates = orm.repository(Plates.class);
        plates.save(new Plate(1L, "first", "steel"));
        assertTrue(lastWrite().contains("MERGE (n:`Plate`"), "an assigned id may exist: an upsert: " + lastWrite());
        assertEquals(1, count("(:Plate {id: 1, name: 'first', kind: 'steel'})"));
        cypher("MATCH (n:Plate {id: 1}) SET n.foreign = 'kept'", Map.of());
        plates.save(new Plate(1L, null, "iron"));
        assertEquals(1, count("(:Plate)"), "one node per id");
        List<dev.falkor.orm.spi.value.GraphValue> row = cypher("MATCH (n:Plate {id: 1}) RETURN n.name IS NULL, n.kind, "
                + "n.foreign", Map.of()).rows().get(0);
        assertEquals(true, row.get(0).asJava(), "a null removes the property");
        assertEquals("iron", row.get(1).asJava());
        assertEquals("kept", row.get(2).asJava(), "an unmapped property stays");
        // several saves of one new id in one call: the last state, one node
        plates.saveAll(List.of(new Plate(2L, "a", "x"), new Plate(2L, "b", "y")));
        assertEquals(1, count("(:Plate {id: 2})"));
        assertEquals("b", scalar("MATCH (n:Plate {id: 2}) RETURN n.name", Map.of()).asJava());
    }

    @Test
    void concurrentSavesOfOneNewAssignedIdGiveOneNode() throws Exception {
        Plates plates = orm.repository(Plates.class);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            for (long id = 100; id < 110; id++) {
                long fixed = id;
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int n = t;
                    all.add(pool.submit(() -> {
                        start.await();
                        plates.save(new Plate(fixed, "t" + n, "k"));
                        return null;
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<?> f : all) {
                    f.get();
                }
                assertEquals(1, count("(:Plate {id: " + fixed + "})"), "one node for id " + fixed);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
