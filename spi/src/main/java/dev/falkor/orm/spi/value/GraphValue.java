package dev.falkor.orm.spi.value;

/**
 * A value as the FalkorDB server returns it. The hierarchy is closed, so a {@code switch}
 * over it is checked for completeness by the compiler.
 */
public sealed interface GraphValue
        permits NullValue, BooleanValue, IntegerValue, DoubleValue, StringValue, ListValue,
        MapValue, PointValue, VectorValue, NodeValue, RelationshipValue, PathValue,
        DateTimeValue, DateValue, TimeValue, DurationValue {

    /**
     * The natural Java form: {@code null}, {@link Boolean}, {@link Long}, {@link Double},
     * {@link String}, {@code List<Object>}, {@code Map<String, Object>}, {@code float[]},
     * {@code java.time} values; nodes, relationships, paths and points return themselves.
     */
    Object asJava();

    /** True for {@link NullValue}. */
    default boolean isNull() {
        return this == NullValue.INSTANCE;
    }
}
