package dev.falkor.orm.converters.internal;

import java.time.LocalDateTime;

/** {@link LocalDateTime} as {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnn}, always nine fractional digits. */
public final class LocalDateTimeConverter extends StringStoredConverter<LocalDateTime> {

    /** For {@link java.util.ServiceLoader}. */
    public LocalDateTimeConverter() {
    }

    @Override
    public Class<LocalDateTime> javaType() {
        return LocalDateTime.class;
    }

    @Override
    String format(LocalDateTime value) {
        return TimeFormats.LOCAL_DATE_TIME.format(value);
    }

    @Override
    LocalDateTime parse(String text, Class<?> targetType) {
        return TimeFormats.parse(text, TimeFormats.LOCAL_DATE_TIME, LocalDateTime::from, LocalDateTime::parse);
    }
}
