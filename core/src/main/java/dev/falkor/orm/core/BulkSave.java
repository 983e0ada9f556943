package dev.falkor.orm.core;

import dev.falkor.orm.api.BulkProgress;
import dev.falkor.orm.api.BulkWriteException;
import dev.falkor.orm.core.internal.repository.EntityOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Saves more entities than fit in memory at once: they are read from an {@link Iterable} or a
 * {@link Stream} chunk by chunk, and each chunk is saved like a {@code saveAll} of it (converted
 * and checked, then written in one statement up to the batch size; relationships and cascades
 * included), so only one chunk is held at a time.
 *
 * <pre>{@code
 * BulkProgress done = orm.bulkSave(Person.class)
 *         .chunkSize(5_000)
 *         .onProgress(p -> System.out.printf("%,d written%n", p.entities()))
 *         .save(people);   // an Iterable or a Stream, read once
 * }</pre>
 *
 * Unlike one {@code saveAll}, a bulk save is not checked as a whole before it starts: a bad
 * value or a failing chunk stops it with a {@link BulkWriteException} saying which chunk failed
 * and how many entities the chunks before it wrote. Not thread-safe; build one per call.
 *
 * @param <T> the entity type
 */
public final class BulkSave<T> {
    private final EntityOperations<Object> operations;
    private final Class<T> type;
    private int chunkSize;
    private Consumer<BulkProgress> listener = p -> { };

    BulkSave(EntityOperations<Object> operations, Class<T> type, int defaultChunk) {
        this.operations = operations;
        this.type = type;
        this.chunkSize = defaultChunk;
    }

    /** Entities per chunk (default: the mapper's batch size). */
    public BulkSave<T> chunkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + size);
        }
        this.chunkSize = size;
        return this;
    }

    /** Called after every chunk written, on the calling thread. */
    public BulkSave<T> onProgress(Consumer<BulkProgress> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Saves the entities of {@code stream}, closing it at the end. */
    @SuppressWarnings("unchecked")
    public BulkProgress save(Stream<? extends T> stream) {
        try (stream) {
            Iterator<? extends T> it = stream.iterator();
            Iterable<T> once = () -> (Iterator<T>) it;
            return save(once);
        }
    }

    /**
     * Saves every entity of {@code entities} (iterated once), chunk by chunk.
     *
     * @return the final progress: chunks, entities, time
     * @throws BulkWriteException if a chunk fails; the chunks before it are written
     */
    @SuppressWarnings("unchecked")
    public BulkProgress save(Iterable<? extends T> entities) {
        long start = System.nanoTime();
        long chunks = 0;
        long written = 0;
        List<Object> chunk = new ArrayList<>(Math.min(chunkSize, 100_000));
        Iterator<? extends T> it = entities.iterator();
        while (true) {
            boolean more = it.hasNext();
            if (more) {
                chunk.add(it.next());
            }
            if (chunk.size() == chunkSize || (!more && !chunk.isEmpty())) {
                try {
                    operations.saveAll(chunk);
                } catch (RuntimeException e) {
                    throw new BulkWriteException("Bulk save of " + type.getName() + " failed at chunk " + chunks
                            + " (entities " + written + " to " + (written + chunk.size() - 1) + "); the " + written
                            + " entities of the chunks before it are written: " + e.getMessage(), chunks, written, e);
                }
                chunks++;
                written += chunk.size();
                chunk.clear();
                listener.accept(new BulkProgress(chunks, written, Duration.ofNanos(System.nanoTime() - start)));
            }
            if (!more) {
                return new BulkProgress(chunks, written, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }
}
