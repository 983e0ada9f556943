package dev.falkor.orm.spi.value;

/** A FalkorDB {@code localtime}: second precision. */
public record TimeValue(java.time.LocalTime value) implements GraphValue {
    public TimeValue {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public Object asJava() {
        return value;
    }
}
