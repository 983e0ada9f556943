package dev.falkor.orm.converters.internal;

import java.math.BigDecimal;

/**
 * {@link BigDecimal} as {@link BigDecimal#toString()}, which {@link BigDecimal#BigDecimal(String)}
 * reads back with the same unscaled value and scale ({@code 1.50} stays {@code 1.50}).
 */
public final class BigDecimalConverter extends StringStoredConverter<BigDecimal> {

    /** For {@link java.util.ServiceLoader}. */
    public BigDecimalConverter() {
    }

    @Override
    public Class<BigDecimal> javaType() {
        return BigDecimal.class;
    }

    @Override
    String format(BigDecimal value) {
        return value.toString();
    }

    @Override
    BigDecimal parse(String text, Class<?> targetType) {
        return new BigDecimal(text);
    }
}
