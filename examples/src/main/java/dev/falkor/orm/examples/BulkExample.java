package dev.falkor.orm.examples;

import dev.falkor.orm.api.BulkProgress;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.util.stream.LongStream;

/**
 * A bulk load streamed from a generator, never held in memory: each reading is a node linked to
 * the one before it, saved chunk by chunk with a progress bar. {@code -Dbulk.count=1000000}
 * loads a million nodes and a million relationships (the README says how long that took).
 */
public final class BulkExample {

    /** A sensor reading; {@code previous} points at the reading before it, which exists already. */
    @Node("Reading")
    public static class Reading {
        @Id long id;
        double celsius;
        /** Not cascaded: the previous reading is only pointed at, never rewritten. */
        @Relationship(type = "AFTER", cascade = {})
        Reading previous;

        public Reading() {
        }

        Reading(long id, double celsius) {
            this.id = id;
            this.celsius = celsius;
        }
    }

    public static void run(String url) {
        long count = Long.getLong("bulk.count", 20_000);
        try (FalkorOrm orm = FalkorOrm.builder().url(url).graph("bulk").lookup(MethodHandles.lookup()).build()) {
            orm.transport().deleteGraph("bulk");
            BulkProgress done = orm.bulkSave(Reading.class).chunkSize(5_000)
                    .onProgress(p -> bar(p, count))
                    .save(LongStream.range(0, count).mapToObj(i -> {
                        Reading r = new Reading(i, 20 + Math.sin(i / 100.0));
                        if (i > 0) {
                            r.previous = new Reading(i - 1, 0); // a stand-in: only its id is used
                        }
                        return r;
                    }));
            System.out.println();
            long nodes = orm.query("MATCH (r:Reading) RETURN count(r)").one(Long.class).orElseThrow();
            long edges = orm.query("MATCH (:Reading)-[a:AFTER]->(:Reading) RETURN count(a)").one(Long.class).orElseThrow();
            System.out.printf("[BulkExample] %,d readings in %d chunks, %.1f s; the graph holds %,d nodes and %,d AFTER "
                    + "relationships; heap used %,d MB%n", done.entities(), done.chunks(),
                    done.elapsed().toMillis() / 1000.0, nodes, edges,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            orm.transport().deleteGraph("bulk");
        }
    }

    private static void bar(BulkProgress p, long total) {
        int width = 40;
        int filled = (int) (width * p.entities() / Math.max(1, total));
        System.out.printf("\r[BulkExample] [%s%s] %,d / %,d  %.1f s", "#".repeat(filled), " ".repeat(width - filled),
                p.entities(), total, p.elapsed().toMillis() / 1000.0);
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }
}
