package dev.falkor.orm.core.internal.query;

import dev.falkor.orm.api.annotation.Relationship;
import java.util.Objects;
import java.util.function.Function;

/**
 * One mapped property as the derived-query parser sees it.
 *
 * @param owner        the class that declares the property: an entity, or a
 *                     relationship-properties class for a property stored on a relationship
 * @param javaName     the Java name, e.g. {@code lastName}
 * @param graphName    the property key in the graph, e.g. {@code last_name}
 * @param javaType     the declared (raw) Java type, e.g. {@code String.class}, {@code int.class},
 *                     {@code List.class}; decides which operators are allowed. For a
 *                     relationship it is the target entity class: the type of an argument that
 *                     compares the related entity itself ({@code findByEmployer(Company c)})
 * @param collection   true for List, Set and array valued properties, and to-many relationships
 * @param relationship true if the property points at another entity (then {@code graphName}
 *                     is not a node property, and {@code targetEntity} and {@code hop} are set)
 * @param targetEntity the entity class a relationship points at, else {@code null}
 * @param hop          how a relationship is walked in Cypher, else {@code null}
 */
public record PropertyRef(Class<?> owner, String javaName, String graphName, Class<?> javaType,
                          boolean collection, boolean relationship, Class<?> targetEntity, Hop hop) {

    /**
     * The step from a node over one relationship to the related node, as a query renders it.
     * Names come from validated mapping metadata; they are back-quoted when rendered.
     *
     * @param type        the relationship type, e.g. {@code WORKS_AT}
     * @param direction   which way the relationship points, seen from the property's owner
     * @param targetLabel the primary label of the target entity, e.g. {@code Company}
     * @param edgeClass   the relationship-properties class of the field's elements, whose
     *                    properties are stored on the relationship itself; {@code null} for a
     *                    relationship without properties
     * @param targetId    the graph name of the target entity's id property
     * @param idOf        the graph value of the id of a target entity instance (converted as a
     *                    save converts it), or {@code null} if it has none yet; used when a
     *                    query compares the related entity itself
     */
    public record Hop(String type, Relationship.Direction direction, String targetLabel, Class<?> edgeClass,
                      String targetId, Function<Object, Object> idOf) {
        public Hop {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(targetLabel, "targetLabel");
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(idOf, "idOf");
        }

        /** True if the relationship has properties of its own ({@link #edgeClass} is set). */
        public boolean hasProperties() {
            return edgeClass != null;
        }
    }

    public PropertyRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(javaName, "javaName");
        Objects.requireNonNull(graphName, "graphName");
        Objects.requireNonNull(javaType, "javaType");
        if (relationship && (targetEntity == null || hop == null)) {
            throw new IllegalArgumentException("relationship property " + owner.getName() + "." + javaName
                    + " needs a target entity and a hop");
        }
        if (!relationship && hop != null) {
            throw new IllegalArgumentException("property " + owner.getName() + "." + javaName
                    + " is no relationship but has a hop");
        }
    }

    /** A plain (non-relationship) property. */
    public static PropertyRef simple(Class<?> owner, String javaName, String graphName, Class<?> javaType,
                                     boolean collection) {
        return new PropertyRef(owner, javaName, graphName, javaType, collection, false, null, null);
    }

    /** A relationship property; {@code javaType} is the target entity. */
    public static PropertyRef relationship(Class<?> owner, String javaName, Class<?> targetEntity, boolean many,
                                           Hop hop) {
        return new PropertyRef(owner, javaName, javaName, targetEntity, many, true, targetEntity, hop);
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
