package dev.falkor.orm.converters.internal;

import java.util.Currency;

/** {@link Currency} as its ISO 4217 code ({@code "EUR"}). */
public final class CurrencyConverter extends StringStoredConverter<Currency> {

    /** For {@link java.util.ServiceLoader}. */
    public CurrencyConverter() {
    }

    @Override
    public Class<Currency> javaType() {
        return Currency.class;
    }

    @Override
    String format(Currency value) {
        return value.getCurrencyCode();
    }

    @Override
    Currency parse(String text, Class<?> targetType) {
        return Currency.getInstance(text);
    }
}
