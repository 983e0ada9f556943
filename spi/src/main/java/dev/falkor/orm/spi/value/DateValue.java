package dev.falkor.orm.spi.value;

/** A FalkorDB {@code date}. */
public record DateValue(java.time.LocalDate value) implements GraphValue {
    public DateValue {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public Object asJava() {
        return value;
    }
}
