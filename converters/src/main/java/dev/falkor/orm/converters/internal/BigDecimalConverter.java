package dev.falkor.orm.converters.internal;

import java.math.BigDecimal;

/**
 * {@link BigDecimal} as {@link BigDecimal#toString()}, read back with the same unscaled value
 * and scale ({@code 1.50} stays {@code 1.50}, {@code 0E-10} stays {@code 0E-10}).
 *
 * <p>{@link BigDecimal#BigDecimal(String)} rejects an exponent beyond the {@code int} range,
 * which {@code toString()} writes for scales near {@link Integer#MIN_VALUE}
 * ({@code new BigDecimal(ONE, Integer.MIN_VALUE)} is {@code "1E+2147483648"}); such text is
 * read here by computing the scale in {@code long}.
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
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            int exp = Math.max(text.indexOf('E'), text.indexOf('e'));
            if (exp < 0) {
                throw e;
            }
            BigDecimal mantissa = new BigDecimal(text.substring(0, exp));
            String exponentText = text.substring(exp + 1);
            long exponent = Long.parseLong(exponentText.startsWith("+") ? exponentText.substring(1) : exponentText);
            long scale = mantissa.scale() - exponent;
            if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
                throw e;
            }
            return new BigDecimal(mantissa.unscaledValue(), (int) scale);
        }
    }
}
