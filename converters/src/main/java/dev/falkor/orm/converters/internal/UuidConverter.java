package dev.falkor.orm.converters.internal;

import java.util.UUID;

/** {@link UUID} as its canonical lower-case 36-character form. */
public final class UuidConverter extends StringStoredConverter<UUID> {

    /** For {@link java.util.ServiceLoader}. */
    public UuidConverter() {
    }

    @Override
    public Class<UUID> javaType() {
        return UUID.class;
    }

    @Override
    String format(UUID value) {
        return value.toString();
    }

    @Override
    UUID parse(String text, Class<?> targetType) {
        return UUID.fromString(text);
    }
}
