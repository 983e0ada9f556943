package dev.falkor.orm.spi.batch;

import java.util.Objects;

/**
 * One mapped node property as a batch writer writes it: its stored name and how its value is
 * stored.
 *
 * @param name the stored property name, a validated identifier
 * @param form how the value is written
 */
public record PropertyShape(String name, Form form) {

    /** How a property value is written. */
    public enum Form {
        /** as given */
        PLAIN,
        /** through {@code intern(...)}: one shared copy of the string in the server */
        INTERNED,
        /** through {@code vecf32(...)}: a float vector */
        VECTOR
    }

    public PropertyShape {
        WriteCypher.quote(name);
        Objects.requireNonNull(form, "form");
    }

    /** A plain property. */
    public static PropertyShape plain(String name) {
        return new PropertyShape(name, Form.PLAIN);
    }
}
