package dev.falkor.orm.spi.value;

/** A Cypher string. */
public record StringValue(String value) implements GraphValue {
    public StringValue {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public Object asJava() {
        return value;
    }
}
