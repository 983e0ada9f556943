package dev.falkor.orm.spi.value;

/** A FalkorDB {@code duration}, second precision. */
public record DurationValue(java.time.Duration value) implements GraphValue {
    public DurationValue {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public Object asJava() {
        return value;
    }
}
