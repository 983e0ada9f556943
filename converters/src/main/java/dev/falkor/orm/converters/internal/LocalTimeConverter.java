package dev.falkor.orm.converters.internal;

import java.time.LocalTime;

/** {@link LocalTime} as {@code HH:mm:ss.nnnnnnnnn}, always nine fractional digits. */
public final class LocalTimeConverter extends StringStoredConverter<LocalTime> {

    /** For {@link java.util.ServiceLoader}. */
    public LocalTimeConverter() {
    }

    @Override
    public Class<LocalTime> javaType() {
        return LocalTime.class;
    }

    @Override
    String format(LocalTime value) {
        return TimeFormats.LOCAL_TIME.format(value);
    }

    @Override
    LocalTime parse(String text, Class<?> targetType) {
        return TimeFormats.parse(text, TimeFormats.LOCAL_TIME, LocalTime::from, LocalTime::parse);
    }
}
