package dev.falkor.orm.api;

/**
 * Root of every exception Falkor ORM throws. Unchecked: callers catch what they can handle.
 *
 * <p>Messages say what was wrong, with which entity, property or query, and how to fix it.
 */
public class FalkorOrmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FalkorOrmException(String message) {
        super(message);
    }

    public FalkorOrmException(String message, Throwable cause) {
        super(message, cause);
    }
}
