package dev.falkor.orm.converters.internal;

import java.time.Instant;

/** {@link Instant} as UTC {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}, always nine fractional digits. */
public final class InstantConverter extends StringStoredConverter<Instant> {

    /** For {@link java.util.ServiceLoader}. */
    public InstantConverter() {
    }

    @Override
    public Class<Instant> javaType() {
        return Instant.class;
    }

    @Override
    String format(Instant value) {
        return TimeFormats.INSTANT.format(value);
    }

    @Override
    Instant parse(String text, Class<?> targetType) {
        return TimeFormats.parse(text, TimeFormats.INSTANT, Instant::from, Instant::parse);
    }
}
