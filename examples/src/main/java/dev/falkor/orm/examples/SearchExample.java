package dev.falkor.orm.examples;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.Scored;
import dev.falkor.orm.api.annotation.FulltextIndexed;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Indexed;
import dev.falkor.orm.api.annotation.Mandatory;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.VectorIndexed;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Declared indexes and constraints, full-text and vector search over a corpus the example makes
 * itself: 2,000 short notes with a topic, a year and a 16-dimensional embedding (the topic's
 * direction plus noise, so notes of one topic lie close together).
 */
public final class SearchExample {
    static final String[] TOPICS = {"graph databases", "coffee brewing", "mountain hiking", "jazz piano"};
    static final int DIMENSION = 16;

    @Node("Note")
    public static class Note {
        @Id Long id;
        @Mandatory @FulltextIndexed String text;
        @Indexed int year;
        @VectorIndexed(dimension = DIMENSION) float[] embedding;

        Note() {
        }

        Note(long id, String text, int year, float[] embedding) {
            this.id = id;
            this.text = text;
            this.year = year;
            this.embedding = embedding;
        }
    }

    public interface Notes extends Repository<Note, Long> {
        List<Scored<Note>> searchText(String query, int limit);

        List<Scored<Note>> searchTextByYearGreaterThan(String query, int year, int limit);

        List<Scored<Note>> nearestEmbedding(float[] vector, int k);
    }

    static float[] embedding(int topic, SplittableRandom random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) ((i % TOPICS.length == topic ? 1.0 : 0.0) + random.nextGaussian() * 0.1);
        }
        return v;
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder().url(url).graph("notes").lookup(MethodHandles.lookup())
                .entities(Note.class) // indexes and constraints created at startup (SchemaMode.CREATE)
                .build()) {
            System.out.println("[SearchExample] " + orm.schema().plan());
            Notes notes = orm.repository(Notes.class);
            SplittableRandom random = new SplittableRandom(1);
            List<Note> corpus = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int topic = i % TOPICS.length;
                corpus.add(new Note(i, "note " + i + " about " + TOPICS[topic], 2015 + i % 10, embedding(topic, random)));
            }
            notes.saveAll(corpus);

            for (Scored<Note> s : notes.searchText("hiking", 3)) {
                System.out.printf("[SearchExample] full-text %.3f  %s%n", s.score(), s.entity().text);
            }
            System.out.println("[SearchExample] 'piano' after 2022: "
                    + notes.searchTextByYearGreaterThan("piano", 2022, 100).size() + " notes");
            long start = System.nanoTime();
            List<Scored<Note>> near = notes.nearestEmbedding(embedding(2, new SplittableRandom(9)), 5);
            long micros = (System.nanoTime() - start) / 1_000;
            for (Scored<Note> s : near) {
                System.out.printf("[SearchExample] nearest %.3f  %s%n", s.score(), s.entity().text);
            }
            System.out.println("[SearchExample] " + near.size() + " nearest of 2,000 in " + micros + " µs (all about "
                    + TOPICS[2] + ": " + near.stream().allMatch(s -> s.entity().text.endsWith(TOPICS[2])) + ")");
            orm.transport().deleteGraph("notes");
        }
    }
}
