package dev.falkor.orm.converters.internal;

import dev.falkor.orm.spi.ValueConverter;
import java.math.BigInteger;
import java.time.Duration;

/**
 * {@link Duration} as a {@link Long} count of nanoseconds when it lies in
 * [-2<sup>62</sup>, 2<sup>62</sup>) ns (about &plusmn;146 years), so Cypher compares, sorts and
 * sums it as a number; a longer duration is stored as its ISO-8601 {@link Duration#toString()}
 * string ({@code PT2562047788015215H30M7.999999999S}).
 *
 * <p>Why not the whole {@code long} range: FalkorDB compares two integers by subtracting them,
 * so {@code a < b} and {@code ORDER BY} give wrong answers when {@code a - b} overflows
 * ({@code RETURN -9223372036854775808 < 1000} is false on FalkorDB 4.16). Any two values in
 * [-2<sup>62</sup>, 2<sup>62</sup>) differ by less than 2<sup>63</sup>, so they always compare
 * correctly with each other.
 */
public final class DurationConverter implements ValueConverter<Duration> {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    /** Smallest duration stored as a number: -2^62 ns. */
    static final BigInteger MIN_NANOS = BigInteger.ONE.shiftLeft(62).negate();
    /** Largest duration stored as a number: 2^62 - 1 ns. */
    static final BigInteger MAX_NANOS = BigInteger.ONE.shiftLeft(62).subtract(BigInteger.ONE);

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

    /** {@code Object}: a {@link Long} usually, a {@link String} beyond about &plusmn;146 years. */
    @Override
    public Class<?> storedType() {
        return Object.class;
    }

    @Override
    public int priority() {
        return BUILT_IN_PRIORITY;
    }
}
