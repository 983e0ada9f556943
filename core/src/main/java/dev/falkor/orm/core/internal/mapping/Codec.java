package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.spi.value.GraphValue;

/**
 * Converts one Java type to the value sent as a parameter and back from what the server
 * returns. Built once per property at bootstrap; the hot path does no type lookups.
 */
interface Codec {
    /** How the value is stored, for the lossless double read path. */
    enum Stored { DOUBLE, DOUBLE_LIST, OTHER }

    /** Java value (never null) to a parameter value: Boolean, Long, Double, String or List. */
    Object write(Object value);

    /** Graph value (never {@code NullValue}) to the Java value. */
    Object read(GraphValue value);

    default Stored stored() {
        return Stored.OTHER;
    }
}
