package dev.falkor.orm.converters.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@link ZonedDateTime} as its instant in UTC, the offset and the zone id in brackets:
 * {@code 2024-07-01T10:00:00.000000000Z+02:00[Europe/Paris]}. The prefix sorts by instant.
 * Read back at that instant in that zone, so an overlap (autumn DST change) keeps its offset;
 * if the zone's rules changed between writing and reading, the instant is kept and the local
 * time follows the new rules.
 */
public final class ZonedDateTimeConverter extends StringStoredConverter<ZonedDateTime> {

    /** For {@link java.util.ServiceLoader}. */
    public ZonedDateTimeConverter() {
    }

    @Override
    public Class<ZonedDateTime> javaType() {
        return ZonedDateTime.class;
    }

    @Override
    String format(ZonedDateTime value) {
        return TimeFormats.INSTANT.format(value.toInstant()) + TimeFormats.offset(value.getOffset())
                + '[' + value.getZone().getId() + ']';
    }

    @Override
    ZonedDateTime parse(String text, Class<?> targetType) {
        int z = TimeFormats.instantEnd(text);
        int open = text.indexOf('[');
        if (z < 0 || open < z + 2 || !text.endsWith("]")) {
            return ZonedDateTime.parse(text);
        }
        Instant instant = TimeFormats.INSTANT.parse(text.substring(0, z + 1), Instant::from);
        ZoneOffset offset = ZoneOffset.of(text.substring(z + 1, open));
        ZoneId zone = ZoneId.of(text.substring(open + 1, text.length() - 1));
        OffsetDateTime at = OffsetDateTime.ofInstant(instant, offset);
        return ZonedDateTime.ofInstant(at.toLocalDateTime(), offset, zone);
    }
}
