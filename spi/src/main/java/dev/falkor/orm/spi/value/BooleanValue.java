package dev.falkor.orm.spi.value;

/** A Cypher boolean. */
public record BooleanValue(boolean value) implements GraphValue {

    @Override
    public Object asJava() {
        return value;
    }
}
