package dev.falkor.orm.converters.internal;

import java.math.BigInteger;

/** {@link BigInteger} as its decimal string. */
public final class BigIntegerConverter extends StringStoredConverter<BigInteger> {

    /** For {@link java.util.ServiceLoader}. */
    public BigIntegerConverter() {
    }

    @Override
    public Class<BigInteger> javaType() {
        return BigInteger.class;
    }

    @Override
    String format(BigInteger value) {
        return value.toString();
    }

    @Override
    BigInteger parse(String text, Class<?> targetType) {
        return new BigInteger(text);
    }
}
