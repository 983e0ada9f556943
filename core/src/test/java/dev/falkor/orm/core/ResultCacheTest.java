package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.Session;
import dev.falkor.orm.api.annotation.Cacheable;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.spi.cache.CacheStatistics;
import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.testkit.MutableClock;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The result cache as a user sees it: {@code @Cacheable} reads are served from the cache until
 * a write through any path of the mapper changes what they depend on, then read afresh; objects
 * handed out are never shared; entries expire by the builder's clock. Each staleness check reads
 * through the cache after the write, so a missing invalidation fails it. Caffeine here; the
 * shared Redis cache in {@code twoMappersSharingARedisCacheNeverServeEachOtherStaleResults}.
 */
class ResultCacheTest extends GraphTestSupport {

    @Cacheable
    @Node("CBook")
    static class Book {
        @Id Long id;
        String title;
        String author;
        float[] embedding;
        @Relationship(type = "CITES", fetch = Relationship.Fetch.EAGER)
        List<Book> cites = new ArrayList<>();

        Book() {
        }

        Book(long id, String title, String author) {
            this.id = id;
            this.title = title;
            this.author = author;
            this.embedding = new float[] {1f, 2f};
        }
    }

    interface Books extends Repository<Book, Long> {
        @Cacheable
        List<Book> findByAuthorOrderByIdAsc(String author);

        @Cacheable(ttl = "PT10M")
        @Query(value = "MATCH (b:CBook) RETURN b.title ORDER BY b.id", regions = {"CBook"})
        List<String> titles();

        @Query(value = "MATCH (b:CBook {id: $id}) SET b.title = $title", write = true)
        void retitle(long id, String title);

        @Query(value = "MATCH (b:CBook {id: $id}) SET b.author = $author", write = true, regions = {"CBook"})
        void reassign(long id, String author);

        long deleteByAuthor(String author);
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private Books books;

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.clock(clock).cacheTtl(Duration.ofMinutes(5));
    }

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        orm.resultCache().orElseThrow().clear();
        books = orm.repository(Books.class);
        books.saveAll(List.of(new Book(1, "Dune", "Herbert"), new Book(2, "Emma", "Austen"),
                new Book(3, "Persuasion", "Austen")));
    }

    private String title(long id) {
        return books.findById(id).orElseThrow().title;
    }

    private CacheStatistics stats() {
        return orm.resultCache().orElseThrow().statistics();
    }

    /** Changes the graph behind the mapper's back (another client): the cache cannot know. */
    private void externally(String cypher) {
        cypher(cypher, Map.of());
    }

    @Test
    void aCachedReadIsServedFromTheCacheUntilAMapperWriteChangesItsRegions() {
        assertEquals("Dune", title(1));
        long hits = stats().hits();
        externally("MATCH (b:CBook {id: 1}) SET b.title = 'changed behind the mapper'");
        assertEquals("Dune", title(1), "served from the cache: the server was not asked");
        assertEquals(hits + 1, stats().hits());
        Book dune = books.findById(1L).orElseThrow();
        dune.title = "Dune Messiah";
        books.save(dune); // through the mapper: invalidates
        assertEquals("Dune Messiah", title(1));
        assertEquals(List.of("Dune Messiah", "Emma", "Persuasion"), books.titles());
    }

    @Test
    void everyWritePathInvalidatesWhatItTouches() {
        List<String> log = new ArrayList<>();
        Supplier<String> state = () -> books.findById(2L).map(b -> b.title).orElse("(gone)") + "|"
                + books.findById(1L).map(b -> b.cites.size()).orElse(-1) + "|"
                + books.findByAuthorOrderByIdAsc("Austen").size() + "|" + books.titles();
        check(log, state, "save", () -> {
            Book b = books.findById(2L).orElseThrow();
            b.title = "Emma (2)";
            books.save(b);
        });
        check(log, state, "saveAll", () -> books.saveAll(List.of(new Book(4, "Sanditon", "Austen"))));
        check(log, state, "@Query write without regions", () -> books.retitle(2, "Emma (3)"));
        check(log, state, "@Query write with regions", () -> books.reassign(3, "Anne Elliot"));
        check(log, state, "orm.query(...).write()", () -> orm.query("MATCH (b:CBook {id: 2}) SET b.title = 'Emma (4)'")
                .write().execute());
        check(log, state, "session commit", () -> {
            try (Session s = orm.openSession()) {
                s.find(Book.class, 2L).orElseThrow().title = "Emma (5)";
                s.commit();
            }
        });
        check(log, state, "cascade through a relationship", () -> {
            Book dune = books.findById(1L).orElseThrow();
            dune.cites.add(new Book(5, "Cited", "Austen"));
            books.save(dune);
        });
        check(log, state, "derived delete", () -> books.deleteByAuthor("Anne Elliot"));
        check(log, state, "deleteById", () -> books.deleteById(4L));
        check(log, state, "delete", () -> books.delete(books.findById(2L).orElseThrow()));
        assertEquals(10, log.size(), log.toString());
    }

    /** Reads (filling the cache), writes through one path, reads through the cache: must equal a fresh read. */
    private void check(List<String> log, Supplier<String> state, String path, Runnable write) {
        state.get();
        state.get(); // the second read is a hit
        write.run();
        String cachedView = state.get();
        orm.resultCache().orElseThrow().clear();
        String fresh = state.get();
        assertEquals(fresh, cachedView, "after a write through " + path + ", a cached read was stale");
        log.add(path);
    }

    @Test
    void eagerRelationshipsAreRegionsToo() {
        Book dune = books.findById(1L).orElseThrow();
        dune.cites.add(books.findById(2L).orElseThrow());
        books.save(dune);
        assertEquals(1, books.findById(1L).orElseThrow().cites.size());
        Book emma = books.findById(2L).orElseThrow();
        emma.title = "Emma, cited";
        books.save(emma); // changes a node the cached Dune read fetched
        assertEquals("Emma, cited", books.findById(1L).orElseThrow().cites.get(0).title);
    }

    interface AsyncBooks extends dev.falkor.orm.api.AsyncRepository<Book, Long> {
    }

    @Test
    void asynchronousReadsAndWritesUseTheSameCache() throws Exception {
        AsyncBooks async = orm.asyncRepository(AsyncBooks.class);
        assertEquals("Dune", async.findById(1L).get(30, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().title);
        long hits = stats().hits();
        assertEquals("Dune", async.findById(1L).get(30, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().title);
        assertEquals(hits + 1, stats().hits(), "the second asynchronous read was a hit");
        async.save(new Book(1, "Dune, async", "Herbert")).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("Dune, async", title(1), "the asynchronous write invalidated the blocking read's entry");
        assertEquals("Dune, async", async.findById(1L).get(30, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().title);
    }

    @Test
    void callersNeverShareTheCachedObjects() {
        Book first = books.findById(1L).orElseThrow();
        first.title = "scribbled on";
        first.embedding[0] = 99f;
        Book second = books.findById(1L).orElseThrow();
        assertNotSame(first, second);
        assertEquals("Dune", second.title);
        assertEquals(1f, second.embedding[0], "the vector is a copy too");
        assertTrue(stats().hits() >= 1);
    }

    @Test
    void entriesExpireByTheBuildersClock() {
        assertEquals("Dune", title(1));
        externally("MATCH (b:CBook {id: 1}) SET b.title = 'after'");
        clock.advance(Duration.ofMinutes(4));
        assertEquals("Dune", title(1), "within the five-minute default");
        clock.advance(Duration.ofMinutes(1));
        assertEquals("after", title(1), "expired");
        assertEquals(List.of("after", "Emma", "Persuasion"), books.titles());
        externally("MATCH (b:CBook {id: 2}) SET b.title = 'later'");
        clock.advance(Duration.ofMinutes(9));
        assertEquals("Emma", books.titles().get(1), "@Cacheable(ttl = \"PT10M\") lives longer");
        clock.advance(Duration.ofMinutes(1));
        assertEquals("later", books.titles().get(1));
    }

    @Test
    void twoMappersSharingARedisCacheNeverServeEachOtherStaleResults() {
        try (FalkorOrm a = FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .cache("redis").build();
             FalkorOrm b = FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .cache("redis").build()) {
            ResultCache shared = a.resultCache().orElseThrow();
            shared.clear();
            assertEquals("redis", shared.providerName());
            Books viaA = a.repository(Books.class);
            Books viaB = b.repository(Books.class);
            assertEquals("Dune", viaA.findById(1L).orElseThrow().title);
            assertEquals("Dune", viaB.findById(1L).orElseThrow().title);
            assertTrue(b.resultCache().orElseThrow().statistics().hits() >= 1, "b read what a cached");
            Book dune = viaB.findById(1L).orElseThrow();
            dune.title = "written by b";
            viaB.save(dune);
            assertEquals("written by b", viaA.findById(1L).orElseThrow().title, "a sees b's write at once");
            viaA.retitle(1, "written by a");
            assertEquals("written by a", viaB.findById(1L).orElseThrow().title);
            shared.clear();
        }
    }

    @Test
    void concurrentWritersAndCachedReadersNeverSeeAnOlderAcknowledgedValue() throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> tasks = new ArrayList<>();
            tasks.add(pool.submit(() -> {
                for (int i = 1; i <= 150; i++) {
                    books.save(new Book(1, "v" + i, "Herbert"));
                    acknowledged.set(i);
                }
                return 0;
            }));
            for (int t = 0; t < 3; t++) {
                tasks.add(pool.submit(() -> {
                    int stale = 0;
                    for (int i = 0; i < 300; i++) {
                        long floor = acknowledged.get();
                        Optional<Book> b = books.findById(1L);
                        String title = b.orElseThrow().title;
                        long seen = title.startsWith("v") ? Long.parseLong(title.substring(1)) : 0;
                        if (seen < floor) {
                            stale++;
                        }
                    }
                    return stale;
                }));
            }
            int stale = 0;
            for (Future<Integer> f : tasks) {
                stale += f.get();
            }
            assertEquals(0, stale, "reads older than an acknowledged write");
            assertTrue(stats().hits() > 0, "the cache served some: " + stats());
        } finally {
            pool.shutdownNow();
        }
    }
}
