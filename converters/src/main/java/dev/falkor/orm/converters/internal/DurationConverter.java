package dev.falkor.orm.converters.internal;

import dev.falkor.orm.spi.ValueConverter;
import java.math.BigInteger;
import java.time.Duration;

/**
 * {@link Duration} as a {@link Long} count of nanoseconds when it fits (about &plusmn;292
 * years), so Cypher compares, sorts and sums it as a number; a longer duration is stored as
 * its ISO-8601 {@link Duration#toString()} string ({@code PT2562047788015215H30M7.999999999S}).
 */
public final class DurationConverter implements ValueConverter<Duration> {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    /** For {@link java.util.ServiceLoader}. */
    public DurationConverter() {
    }

    @Override
    public Class<Duration> javaType() {
        return Duration.class;
    }

    @Override
    public Object toGraph(Duration value) {
        if (value == null) {
            return null;
        }
        BigInteger nanos = BigInteger.valueOf(value.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(value.getNano()));
        if (nanos.compareTo(MIN_NANOS) >= 0 && nanos.compareTo(MAX_NANOS) <= 0) {
            return nanos.longValue();
        }
        return value.toString();
    }

    @Override
    public Duration fromGraph(Object graphValue, Class<?> targetType) {
        if (graphValue instanceof Long || graphValue instanceof Integer
                || graphValue instanceof Short || graphValue instanceof Byte) {
            return Duration.ofNanos(((Number) graphValue).longValue());
        }
        if (graphValue instanceof String text) {
            try {
                return Duration.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Cannot read java.time.Duration from the stored string \"" + text
                        + "\": " + e.getMessage(), e);
            }
        }
        throw Errors.notStored(Duration.class, "an integer (nanoseconds) or an ISO-8601 string", graphValue);
    }

    /** {@code Object}: a {@link Long} usually, a {@link String} beyond &plusmn;292 years. */
    @Override
    public Class<?> storedType() {
        return Object.class;
    }

    @Override
    public int priority() {
        return BUILT_IN_PRIORITY;
    }
}
