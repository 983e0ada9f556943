package dev.falkor.orm.api;

/**
 * A value read from the graph does not fit the field or result type it is mapped to (for
 * example a string stored where the entity declares an {@code int}, written by another
 * application or an older version of the class). The message names the entity class, the
 * field and the graph property; never the value.
 */
public class ValueConversionException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    public ValueConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
