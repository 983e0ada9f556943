package dev.falkor.orm.converters.internal;

import java.time.LocalDate;

/** {@link LocalDate} as {@code yyyy-MM-dd}. */
public final class LocalDateConverter extends StringStoredConverter<LocalDate> {

    /** For {@link java.util.ServiceLoader}. */
    public LocalDateConverter() {
    }

    @Override
    public Class<LocalDate> javaType() {
        return LocalDate.class;
    }

    @Override
    String format(LocalDate value) {
        return TimeFormats.LOCAL_DATE.format(value);
    }

    @Override
    LocalDate parse(String text, Class<?> targetType) {
        return TimeFormats.parse(text, TimeFormats.LOCAL_DATE, LocalDate::from, LocalDate::parse);
    }
}
