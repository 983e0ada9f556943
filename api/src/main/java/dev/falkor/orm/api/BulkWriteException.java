package dev.falkor.orm.api;

/**
 * A chunk of a bulk save failed. The chunks before it are written (each chunk is applied on its
 * own), the failed chunk and those after it are not: {@link #entitiesWritten()} says how many
 * entities were stored, {@link #chunk()} which chunk failed (0-based), and the cause why.
 * Saving the same entities again is safe: saves are upserts by id.
 */
public class BulkWriteException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;
    private final long chunk;
    private final long entitiesWritten;

    public BulkWriteException(String message, long chunk, long entitiesWritten, Throwable cause) {
        super(message, cause);
        this.chunk = chunk;
        this.entitiesWritten = entitiesWritten;
    }

    /** The failed chunk, counting from 0. */
    public long chunk() {
        return chunk;
    }

    /** Entities written by the chunks before the failed one. */
    public long entitiesWritten() {
        return entitiesWritten;
    }
}
