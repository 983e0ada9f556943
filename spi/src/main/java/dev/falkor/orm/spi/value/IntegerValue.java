package dev.falkor.orm.spi.value;

/** A Cypher integer (64-bit signed). */
public record IntegerValue(long value) implements GraphValue {

    @Override
    public Object asJava() {
        return value;
    }
}
