package dev.falkor.orm.spi.value;

/** A FalkorDB geographic point. The server stores coordinates as 32-bit floats. */
public record PointValue(double latitude, double longitude) implements GraphValue {
    @Override
    public Object asJava() {
        return this;
    }
}
