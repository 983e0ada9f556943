package dev.falkor.orm.spi.value;

/** A FalkorDB {@code localdatetime}: no zone, second precision. */
public record DateTimeValue(java.time.LocalDateTime value) implements GraphValue {
    public DateTimeValue {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public Object asJava() {
        return value;
    }
}
