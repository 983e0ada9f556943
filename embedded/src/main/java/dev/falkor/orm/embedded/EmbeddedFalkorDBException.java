package dev.falkor.orm.embedded;

/**
 * The embedded server could not be obtained, started or stopped. The message says what was
 * tried and how to fix it.
 */
public class EmbeddedFalkorDBException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmbeddedFalkorDBException(String message) {
        super(message);
    }

    public EmbeddedFalkorDBException(String message, Throwable cause) {
        super(message, cause);
    }
}
