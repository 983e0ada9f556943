package dev.falkor.orm.api;

/**
 * A write guarded by a version ({@code @Version}) found the stored node changed (or deleted)
 * since it was read, so it wrote nothing. Reload the entity, apply the change again and retry.
 * Raised by saves and deletes of entities with a {@link dev.falkor.orm.api.annotation.Version}
 * field; nothing of the failed statement is stored.
 */
public class OptimisticLockException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final Object id;

    public OptimisticLockException(String message, String entity, Object id) {
        super(message);
        this.entity = entity;
        this.id = id;
    }

    /** The entity class (its name) whose stored version did not match. */
    public String entity() {
        return entity;
    }

    /** The id of the entity whose stored version did not match. */
    public Object id() {
        return id;
    }
}
