package dev.falkor.orm.spring.boot;

import org.springframework.dao.UncategorizedDataAccessException;

/**
 * A {@link dev.falkor.orm.api.FalkorOrmException} that fits none of the more specific
 * {@link org.springframework.dao.DataAccessException} types; the original is the cause.
 */
public class UncategorizedFalkorOrmException extends UncategorizedDataAccessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     * @param cause   the Falkor ORM exception
     */
    public UncategorizedFalkorOrmException(String message, Throwable cause) {
        super(message, cause);
    }
}
