package dev.falkor.orm.converters.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@link OffsetDateTime} as its instant in UTC (as {@link InstantConverter} writes it) followed
 * by the offset: {@code 2024-01-02T01:04:05.000000000Z+02:00} is 03:04:05 at +02:00. The
 * prefix sorts by instant, like {@link OffsetDateTime#compareTo}; values at one instant with
 * different offsets sort by the offset's text.
 */
public final class OffsetDateTimeConverter extends StringStoredConverter<OffsetDateTime> {

    /** For {@link java.util.ServiceLoader}. */
    public OffsetDateTimeConverter() {
    }

    @Override
    public Class<OffsetDateTime> javaType() {
        return OffsetDateTime.class;
    }

    @Override
    String format(OffsetDateTime value) {
        return TimeFormats.INSTANT.format(value.toInstant()) + TimeFormats.offset(value.getOffset());
    }

    @Override
    OffsetDateTime parse(String text, Class<?> targetType) {
        int z = TimeFormats.instantEnd(text);
        if (z < 0 || z == text.length() - 1) {
            return OffsetDateTime.parse(text);
        }
        Instant instant = TimeFormats.INSTANT.parse(text.substring(0, z + 1), Instant::from);
        return OffsetDateTime.ofInstant(instant, ZoneOffset.of(text.substring(z + 1)));
    }
}
