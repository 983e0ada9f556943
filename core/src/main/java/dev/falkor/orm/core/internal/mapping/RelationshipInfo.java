package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.core.internal.Identifiers;

/**
 * What a {@code @Relationship} field maps: the type, direction and the entity at the other end,
 * how the field holds it, and what cascades. The target's metadata and the inverse are
 * resolved once all entities of a mapping are built (they may refer to each other).
 */
public final class RelationshipInfo {
    /** How the field holds the related entities. */
    public enum Container {
        /** the entity itself */
        ONE,
        /** a {@link dev.falkor.orm.api.Ref} */
        REF,
        LIST,
        SET,
        COLLECTION;

        public boolean isMany() {
            return this == LIST || this == SET || this == COLLECTION;
        }
    }

    private final String type;
    private final Relationship.Direction direction;
    private final Container container;
    private final Class<?> elementClass;
    private final Class<?> targetClass;
    private final String inverseName;
    private final boolean eager;
    private final boolean cascadeSave;
    private final boolean cascadeDelete;
    private PersistentProperty field;
    private EntityMetadata owner;
    private EntityMetadata target;
    private EntityMetadata properties;
    private PersistentProperty inverse;

    RelationshipInfo(String type, Relationship.Direction direction, Container container, Class<?> elementClass,
                     Class<?> targetClass, String inverseName, boolean eager, boolean cascadeSave,
                     boolean cascadeDelete) {
        this.type = type;
        this.direction = direction;
        this.container = container;
        this.elementClass = elementClass;
        this.targetClass = targetClass;
        this.inverseName = inverseName;
        this.eager = eager;
        this.cascadeSave = cascadeSave;
        this.cascadeDelete = cascadeDelete;
    }

    void resolve(PersistentProperty field, EntityMetadata owner, EntityMetadata target, EntityMetadata properties) {
        this.field = field;
        this.owner = owner;
        this.target = target;
        this.properties = properties;
    }

    void inverse(PersistentProperty inverse) {
        this.inverse = inverse;
    }

    /** The relationship type (a validated identifier). */
    public String type() { return type; }
    public String quotedType() { return Identifiers.quote(type); }
    public Relationship.Direction direction() { return direction; }
    public Container container() { return container; }
    public boolean isMany() { return container.isMany(); }
    /** The field's element class: the target entity, or the relationship-properties class. */
    public Class<?> elementClass() { return elementClass; }
    public Class<?> targetClass() { return targetClass; }
    /** The field this describes. */
    public PersistentProperty field() { return field; }
    /** The entity declaring the field. */
    public EntityMetadata owner() { return owner; }
    /** The entity at the other end. */
    public EntityMetadata target() { return target; }
    /** The relationship-properties class, or null for plain relationships. */
    public EntityMetadata properties() { return properties; }
    public boolean hasProperties() { return properties != null; }
    /** The field of the target that maps the same relationships from the other side, or null. */
    public PersistentProperty inverse() { return inverse; }
    String inverseName() { return inverseName; }
    /** Loaded with its entity unless a fetch plan says otherwise. */
    public boolean isEager() { return eager; }
    public boolean cascadesSave() { return cascadeSave; }
    public boolean cascadesDelete() { return cascadeDelete; }

    /**
     * The pattern from node variable {@code from} over relationship variable {@code rel} (may
     * be empty) to {@code to}, whose label expression is {@code toLabel}, e.g.
     * {@code (n)-[r:`KNOWS`]->(m:`Person`)}.
     */
    public String pattern(String from, String rel, String to, String toLabel) {
        String edge = "[" + rel + ":" + quotedType() + "]";
        String left = direction == Relationship.Direction.INCOMING ? "<-" : "-";
        String right = direction == Relationship.Direction.OUTGOING ? "->" : "-";
        return "(" + from + ")" + left + edge + right + "(" + to + toLabel + ")";
    }

    @Override
    public String toString() {
        return (field == null ? "?" : field.describe()) + " -[" + type + " " + direction + "]-> "
                + targetClass.getSimpleName();
    }
}
