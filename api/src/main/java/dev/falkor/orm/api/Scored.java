package dev.falkor.orm.api;

/**
 * A search result: the entity and its score. For full-text search ({@code search<Property>}
 * methods) a higher score is a better match; for vector search ({@code nearest<Property>}) the
 * score is the distance, lower is closer.
 *
 * @param entity the entity found
 * @param score  the server's score or distance
 * @param <T>    the entity type
 */
public record Scored<T>(T entity, double score) {
}
