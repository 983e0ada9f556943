package dev.falkor.orm.api;

/**
 * Makes ids for entities saved with a {@code null} {@code @GeneratedValue} id.
 * Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface IdGenerator {
    /**
     * A new id.
     *
     * @param idType     the id field's type
     * @param entityType the entity class
     * @return a value assignable to {@code idType}
     */
    Object generate(Class<?> idType, Class<?> entityType);
}
