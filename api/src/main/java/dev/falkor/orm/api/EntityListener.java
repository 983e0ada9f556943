package dev.falkor.orm.api;

/**
 * Hears the lifecycle of every entity the mapper saves, deletes or reads; registered on the
 * builder ({@code FalkorOrm.builder().listener(...)}). Called on the calling thread, after the
 * entity's own callback methods for the same event; an exception thrown before a write stops
 * it with nothing written. "New" means its id was null, or its {@code @Version} 0 or null.
 */
public interface EntityListener {

    /** Before a new entity is saved; changes made to it are saved. */
    default void prePersist(Object entity) {
    }

    /** After a new entity was saved. */
    default void postPersist(Object entity) {
    }

    /** Before an entity that is not new is saved; changes made to it are saved. */
    default void preUpdate(Object entity) {
    }

    /** After an entity that is not new was saved. */
    default void postUpdate(Object entity) {
    }

    /** Before an entity is deleted through {@code delete} or {@code deleteAll(entities)}. */
    default void preRemove(Object entity) {
    }

    /** After an entity was deleted through {@code delete} or {@code deleteAll(entities)}. */
    default void postRemove(Object entity) {
    }

    /** After an entity was read and built. */
    default void postLoad(Object entity) {
    }
}
