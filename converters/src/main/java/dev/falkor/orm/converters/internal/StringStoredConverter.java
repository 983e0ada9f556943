package dev.falkor.orm.converters.internal;

import dev.falkor.orm.spi.ValueConverter;

/**
 * Base of the built-in converters that store a {@link String}: checks the stored type and
 * turns any parse failure into an {@link IllegalArgumentException} naming the type and text.
 */
abstract class StringStoredConverter<J> implements ValueConverter<J> {

    @Override
    public final Object toGraph(J value) {
        return value == null ? null : format(value);
    }

    @Override
    public final J fromGraph(Object graphValue, Class<?> targetType) {
        if (!(graphValue instanceof String text)) {
            throw Errors.notStored(javaType(), "a string", graphValue);
        }
        try {
            return parse(text, targetType);
        } catch (ReadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot read " + javaType().getName() + " from the stored string \""
                    + text + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public final Class<?> storedType() {
        return String.class;
    }

    @Override
    public final int priority() {
        return BUILT_IN_PRIORITY;
    }

    /** The stored text of a non-null value. */
    abstract String format(J value);

    /** The value of stored text; may throw any runtime exception on bad input. */
    abstract J parse(String text, Class<?> targetType);
}
