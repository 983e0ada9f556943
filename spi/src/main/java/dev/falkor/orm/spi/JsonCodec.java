package dev.falkor.orm.spi;

import java.lang.reflect.Type;

/**
 * Turns values into JSON text and back, for {@code @Json} fields. Found with
 * {@link java.util.ServiceLoader}; {@code falkor-orm-converters} provides one on Jackson when
 * Jackson is on the path.
 */
public interface JsonCodec {

    /**
     * Whether the codec can work here (its library is on the path). When false,
     * {@link #missing()} names what to add.
     */
    boolean available();

    /** What to add to the path for {@link #available()} to be true (e.g. a Maven coordinate). */
    String missing();

    /** {@code value} (of the declared {@code type}) as JSON text. */
    String toJson(Object value, Type type);

    /** JSON text read back as the declared {@code type} (a generic type keeps its type arguments). */
    Object fromJson(String json, Type type);
}
