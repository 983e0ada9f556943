package dev.falkor.orm.core.internal.query;

import java.util.Objects;

/**
 * One mapped property as the derived-query parser sees it.
 *
 * @param owner        the class that declares the property
 * @param javaName     the Java name, e.g. {@code lastName}
 * @param graphName    the property key in the graph, e.g. {@code last_name}
 * @param javaType     the declared (raw) Java type, e.g. {@code String.class}, {@code int.class},
 *                     {@code List.class}; decides which operators are allowed
 * @param collection   true for List, Set and array valued properties
 * @param relationship true if the property points at another entity (then {@code graphName}
 *                     is not a node property and {@code targetEntity} is set)
 * @param targetEntity the entity class a relationship points at, else {@code null}
 */
public record PropertyRef(Class<?> owner, String javaName, String graphName, Class<?> javaType,
                          boolean collection, boolean relationship, Class<?> targetEntity) {

    public PropertyRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(javaName, "javaName");
        Objects.requireNonNull(graphName, "graphName");
        Objects.requireNonNull(javaType, "javaType");
        if (relationship && targetEntity == null) {
            throw new IllegalArgumentException("relationship property " + owner.getName() + "." + javaName
                    + " needs a target entity");
        }
    }

    /** A plain (non-relationship) property. */
    public static PropertyRef simple(Class<?> owner, String javaName, String graphName, Class<?> javaType,
                                     boolean collection) {
        return new PropertyRef(owner, javaName, graphName, javaType, collection, false, null);
    }

    /** True if values are strings: {@link CharSequence}, {@code char} or {@link Character}, not a collection. */
    public boolean isString() {
        return !collection && !relationship
                && (CharSequence.class.isAssignableFrom(javaType) || javaType == char.class || javaType == Character.class);
    }

    /** True for {@code boolean} and {@link Boolean}, not a collection. */
    public boolean isBoolean() {
        return !collection && !relationship && (javaType == boolean.class || javaType == Boolean.class);
    }

    /** The declared type's simple name, for messages. */
    String typeName() {
        return javaType.getSimpleName();
    }
}
