package dev.falkor.orm.spi.value;

import java.util.Arrays;

/** A FalkorDB {@code vecf32} vector. The array is copied in and out: the record is immutable. */
public record VectorValue(float[] values) implements GraphValue {
    public VectorValue {
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of dimensions. */
    public int dimension() {
        return values.length;
    }

    @Override
    public Object asJava() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorValue v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "VectorValue" + Arrays.toString(values);
    }
}
