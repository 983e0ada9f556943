package dev.falkor.orm.converters.internal;

/** A read failure whose message already names the type and the stored text; not wrapped again. */
final class ReadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ReadException(String message) {
        super(message);
    }
}
