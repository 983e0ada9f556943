package dev.falkor.orm.api;

/**
 * An entity class cannot be mapped: no id, two ids, an unsupported field type, an invalid
 * label or property name, an inaccessible class. Raised at bootstrap, naming class and field.
 */
public class MappingException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
