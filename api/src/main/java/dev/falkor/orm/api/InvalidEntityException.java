package dev.falkor.orm.api;

/**
 * An entity cannot be saved as it is: a missing id without a generator, a value that cannot
 * be stored (a null inside a list, a number out of range). Raised before anything is sent,
 * so stored data is unchanged. The message names the entity class and the property.
 */
public class InvalidEntityException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    public InvalidEntityException(String message) {
        super(message);
    }

    public InvalidEntityException(String message, Throwable cause) {
        super(message, cause);
    }
}
