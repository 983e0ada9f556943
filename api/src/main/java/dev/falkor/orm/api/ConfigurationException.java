package dev.falkor.orm.api;

/**
 * The library is set up wrongly: a missing or ambiguous provider, a bad option value,
 * server binaries that cannot be found. The message says what to change.
 */
public class ConfigurationException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
