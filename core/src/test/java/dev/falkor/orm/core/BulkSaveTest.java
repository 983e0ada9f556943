package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.BulkProgress;
import dev.falkor.orm.api.BulkWriteException;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk saves stream entities chunk by chunk, report progress, and say what a failed chunk left. */
class BulkSaveTest extends GraphTestSupport {

    @Node("Reading")
    static class Reading {
        @Id long id;
        double value;
        @Relationship(type = "NEXT") Reading next;

        Reading() {
        }

        Reading(long id, double value) {
            this.id = id;
            this.value = value;
        }
    }

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
    }

    /** Entities made on demand: the test never holds them all. */
    private static Iterable<Reading> generated(long count, long badAt) {
        return () -> new Iterator<>() {
            long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Reading next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long id = next++;
                return new Reading(id, id == badAt ? Double.NaN : id * 0.5);
            }
        };
    }

    @Test
    void savesChunkByChunkAndReportsProgress() {
        List<BulkProgress> seen = new ArrayList<>();
        BulkProgress done = orm.bulkSave(Reading.class).chunkSize(5_000).onProgress(seen::add)
                .save(generated(23_000, -1));
        assertEquals(23_000, done.entities());
        assertEquals(5, done.chunks());
        assertEquals(List.of(5_000L, 10_000L, 15_000L, 20_000L, 23_000L), seen.stream().map(BulkProgress::entities).toList());
        assertEquals(23_000, count("(:Reading)"));
        assertEquals(11_499.0, ((Number) scalar("MATCH (r:Reading {id: 22998}) RETURN r.value", Map.of()).asJava())
                .doubleValue());
    }

    @Test
    void aFailedChunkSaysWhatWasWritten() {
        BulkWriteException e = assertThrows(BulkWriteException.class,
                () -> orm.bulkSave(Reading.class).chunkSize(1_000).save(generated(5_000, 2_500)));
        assertEquals(2, e.chunk());
        assertEquals(2_000, e.entitiesWritten());
        assertTrue(e.getMessage().contains("chunk 2") && e.getMessage().contains("2000"), e.getMessage());
        assertEquals(2_000, count("(:Reading)"), "the chunks before the failed one are written, nothing after");
    }

    @Test
    void streamsWithRelationships() {
        BulkProgress done = orm.bulkSave(Reading.class).chunkSize(2_000).save(LongStream.range(0, 6_000).mapToObj(i -> {
            Reading r = new Reading(i, i);
            r.next = new Reading(i + 1_000_000, -i); // a related node saved with it (cascade)
            return r;
        }));
        assertEquals(6_000, done.entities());
        assertEquals(12_000, count("(:Reading)"));
        assertEquals(6_000, count("(:Reading)-[:NEXT]->(:Reading)"));
    }
}
