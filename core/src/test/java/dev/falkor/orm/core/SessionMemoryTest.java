package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.Session;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.testkit.SharedServer;
import java.io.File;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A session streaming through many nodes does not keep them: a child JVM with a 24 MB heap reads
 * 200,000 nodes (about 60 MB of entities if all were kept) 2,000 at a time in one session, changes
 * none, and commits (nothing to write).
 */
class SessionMemoryTest extends GraphTestSupport {
    static final int NODES = 200_000;

    @Node("SmItem")
    public static class Item {
        @Id public Long id;
        public String name;
        public String payload;

        public Item() {
        }
    }

    interface Items extends Repository<Item, Long> {
    }

    /** The child JVM: streams the graph in one session. */
    public static void main(String[] args) {
        try (FalkorOrm orm = FalkorOrm.builder().url(args[0]).graph(args[1]).lookup(MethodHandles.lookup()).build();
             Session s = orm.openSession()) {
            Items items = orm.repository(Items.class);
            long seen = 0;
            for (long from = 1; from <= NODES; from += 2_000) {
                java.util.List<Long> ids = new java.util.ArrayList<>();
                for (long id = from; id < from + 2_000 && id <= NODES; id++) {
                    ids.add(id);
                }
                seen += items.findAllById(ids).size(); // read, managed, let go
            }
            s.commit();
            System.out.println("streamed " + seen);
        }
    }

    @Test
    void aSessionStreamingThroughManyNodesRunsInASmallHeap() throws Exception {
        orm.repository(Items.class);
        cypher("UNWIND range(1, " + NODES + ") AS i CREATE (:SmItem {id: i, name: 'item ' + toString(i), "
                + "payload: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'})", Map.of());
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-Xmx24m",
                "-Dfalkor.orm.transport=" + System.getProperty("falkor.orm.transport", ""),
                "-Dfalkor.orm.cache=" + System.getProperty("falkor.orm.cache", "none"), "-cp", System.getProperty("java.class.path"),
                SessionMemoryTest.class.getName(), SharedServer.url(), graph).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child finished");
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("streamed " + NODES), out);
    }
}
