package dev.falkor.orm.converters.internal;

import java.util.Locale;

/**
 * {@link Locale} as its IETF BCP 47 language tag ({@link Locale#toLanguageTag()}). A locale
 * whose tag does not read back as an equal locale (one with ill-formed fields, for example
 * {@code new Locale("x y")}) is refused rather than stored with a loss.
 */
public final class LocaleConverter extends StringStoredConverter<Locale> {

    /** For {@link java.util.ServiceLoader}. */
    public LocaleConverter() {
    }

    @Override
    public Class<Locale> javaType() {
        return Locale.class;
    }

    @Override
    String format(Locale value) {
        String tag = value.toLanguageTag();
        if (!Locale.forLanguageTag(tag).equals(value)) {
            throw new IllegalArgumentException("Locale \"" + value + "\" cannot be stored without loss: its language tag \""
                    + tag + "\" reads back as \"" + Locale.forLanguageTag(tag) + "\"");
        }
        return tag;
    }

    @Override
    Locale parse(String text, Class<?> targetType) {
        return new Locale.Builder().setLanguageTag(text).build();
    }
}
