package dev.falkor.orm.api;

import java.time.Duration;

/**
 * How far a bulk save has come, reported after every chunk.
 *
 * @param chunks   chunks written so far
 * @param entities entities written so far (each chunk is one atomic statement, or several when
 *                 its relationships exceed the batch size)
 * @param elapsed  time since the bulk save started
 */
public record BulkProgress(long chunks, long entities, Duration elapsed) {
}
