package dev.falkor.orm.spi;

/**
 * Converts one Java type to a value FalkorDB can store, and back.
 *
 * <p>Found with {@link java.util.ServiceLoader} ({@code provides dev.falkor.orm.spi.ValueConverter})
 * or registered on the {@code FalkorOrm} builder; {@code @Convert} picks one for a field. For
 * one Java type, a converter registered on the builder wins, then the one with the highest
 * {@link #priority()}; built-in converters use {@link #BUILT_IN_PRIORITY}, so a user's
 * converter wins by default. {@code List} and {@code Set} fields are handled by the mapper,
 * which applies the element type's converter to each element.
 *
 * <p>Implementations are stateless and thread-safe, with a public no-argument constructor.
 *
 * @param <J> the Java type
 */
public interface ValueConverter<J> {

    /** Priority of the converters shipped in the {@code converters} module. */
    int BUILT_IN_PRIORITY = -100;

    /** The Java type converted. For a family of types (enums) see {@link #supports(Class)}. */
    Class<J> javaType();

    /** True if this converter handles {@code type}; by default only {@link #javaType()} itself. */
    default boolean supports(Class<?> type) {
        return javaType().equals(type);
    }

    /**
     * The stored form: {@code null}, {@link Boolean}, {@link Long}, {@link Double},
     * {@link String}, or a {@code List} of these (no nulls in lists: FalkorDB rejects them).
     */
    Object toGraph(J value);

    /**
     * The Java value from its stored form.
     *
     * @param graphValue what {@link #toGraph} produced, as read back: {@link Boolean},
     *                   {@link Long}, {@link Double}, {@link String} or {@code List} (never null)
     * @param targetType the declared Java type (the concrete enum class, for example)
     */
    J fromGraph(Object graphValue, Class<?> targetType);

    /**
     * The class of what {@link #toGraph} returns ({@code String.class}, {@code Long.class},
     * {@code Double.class}, {@code Boolean.class}, {@code List.class}), or {@code Object.class}
     * if it varies. The mapper reads {@code Double} values through its lossless path.
     */
    default Class<?> storedType() {
        return Object.class;
    }

    /** Higher wins when two converters support one type; see the class comment. */
    default int priority() {
        return 0;
    }
}
