package dev.falkor.orm.spi.value;

/** Cypher {@code null}. */
public enum NullValue implements GraphValue {
    INSTANCE;

    @Override
    public Object asJava() {
        return null;
    }
}
