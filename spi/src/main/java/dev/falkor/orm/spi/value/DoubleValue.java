package dev.falkor.orm.spi.value;

/** A Cypher float (64-bit IEEE 754). */
public record DoubleValue(double value) implements GraphValue {

    @Override
    public Object asJava() {
        return value;
    }
}
