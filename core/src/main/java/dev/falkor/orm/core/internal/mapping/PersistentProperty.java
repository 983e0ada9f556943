package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.api.IdGenerator;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.NullValue;

/**
 * One mapped field: its Java and graph names, how it is converted and accessed.
 * Immutable; built at bootstrap.
 */
public final class PersistentProperty {
    /** How a property value is stored. */
    public enum Kind {
        /** one node property */
        SCALAR,
        /** a {@code Map<String, V>} flattened into properties named {@code graphName.key} */
        MAP,
        /** {@code float[]}: a {@code vecf32} vector written through {@code vecf32(...)} */
        VECTOR,
        /** a {@code @Relationship} field: edges to other nodes, see {@link #relationship()} */
        RELATIONSHIP,
        /** the {@code @TargetNode} field of a relationship-properties class */
        TARGET
    }

    private final Class<?> owner;
    private final String javaName;
    private final String graphName;
    private final Class<?> type;
    private final Kind kind;
    private final Codec codec;
    private final PropertyAccessor accessor;
    private final boolean id;
    private final IdGenerator generator;
    private final boolean unique;
    private final boolean interned;
    private final boolean collection;
    private final RelationshipInfo relationship;
    private boolean version; // set once while the mapping is built, before the metadata is published
    // the schema the property declares (@Indexed, @Mandatory, @FulltextIndexed, @VectorIndexed), set likewise
    private boolean indexed;
    private boolean mandatory;
    private dev.falkor.orm.api.annotation.FulltextIndexed fulltext;
    private dev.falkor.orm.api.annotation.VectorIndexed vector;

    void markSchema(boolean indexed, boolean mandatory, dev.falkor.orm.api.annotation.FulltextIndexed fulltext,
                    dev.falkor.orm.api.annotation.VectorIndexed vector) {
        this.indexed = indexed;
        this.mandatory = mandatory;
        this.fulltext = fulltext;
        this.vector = vector;
    }

    /** {@code @Indexed}: a range index. */
    public boolean isIndexed() { return indexed; }
    /** {@code @Mandatory}: a mandatory constraint. */
    public boolean isMandatory() { return mandatory; }
    /** {@code @FulltextIndexed}, or null. */
    public dev.falkor.orm.api.annotation.FulltextIndexed fulltext() { return fulltext; }
    /** {@code @VectorIndexed}, or null. */
    public dev.falkor.orm.api.annotation.VectorIndexed vector() { return vector; }

    PersistentProperty(Class<?> owner, String javaName, Class<?> type, Kind kind, PropertyAccessor accessor,
                       RelationshipInfo relationship) {
        this(owner, javaName, javaName, type, kind, null, accessor, false, null, false, false, false, relationship);
    }

    PersistentProperty(Class<?> owner, String javaName, String graphName, Class<?> type, Kind kind, Codec codec,
                       PropertyAccessor accessor, boolean id, IdGenerator generator, boolean unique,
                       boolean interned, boolean collection) {
        this(owner, javaName, graphName, type, kind, codec, accessor, id, generator, unique, interned, collection, null);
    }

    private PersistentProperty(Class<?> owner, String javaName, String graphName, Class<?> type, Kind kind, Codec codec,
                               PropertyAccessor accessor, boolean id, IdGenerator generator, boolean unique,
                               boolean interned, boolean collection, RelationshipInfo relationship) {
        this.relationship = relationship;
        this.owner = owner;
        this.javaName = javaName;
        this.graphName = graphName;
        this.type = type;
        this.kind = kind;
        this.codec = codec;
        this.accessor = accessor;
        this.id = id;
        this.generator = generator;
        this.unique = unique;
        this.interned = interned;
        this.collection = collection;
    }

    public Class<?> owner() { return owner; }
    public String javaName() { return javaName; }
    /** The property name in the graph (validated identifier). */
    public String graphName() { return graphName; }
    /** The back-quoted graph name, ready for Cypher. */
    public String quotedName() { return Identifiers.quote(graphName); }
    public Class<?> type() { return type; }
    public Kind kind() { return kind; }
    public boolean isId() { return id; }
    public IdGenerator generator() { return generator; }
    public boolean isUnique() { return unique; }
    /** True for the {@code @Version} field. */
    public boolean isVersion() { return version; }

    void markVersion() {
        this.version = true;
    }

    private int audit; // 1 created date, 2 last modified date; set while the mapping is built

    /** True for the {@code @CreatedDate} field. */
    public boolean isCreatedDate() { return audit == 1; }
    /** True for the {@code @LastModifiedDate} field. */
    public boolean isLastModifiedDate() { return audit == 2; }

    void markAudit(int kind) {
        this.audit = kind;
    }
    public boolean isInterned() { return interned; }
    /** True for List, Set and array valued properties. */
    public boolean isCollection() { return collection; }
    public PropertyAccessor accessor() { return accessor; }
    /** The relationship this field maps, or null if it is not a {@link Kind#RELATIONSHIP}. */
    public RelationshipInfo relationship() { return relationship; }
    /** True for node or relationship property values (not relationships, not the target node). */
    public boolean isValue() { return kind == Kind.SCALAR || kind == Kind.MAP || kind == Kind.VECTOR; }

    /** True if the stored value is a double (or list of doubles) read through the exact path. */
    public boolean needsExactRead() {
        if (!isValue()) {
            return false;
        }
        return kind == Kind.SCALAR ? codec.stored() != Codec.Stored.OTHER
                : kind == Kind.MAP && codec.stored() == Codec.Stored.DOUBLE;
    }

    /** True if the exact read yields a list of doubles rather than one. */
    public boolean exactReadIsList() {
        return codec.stored() == Codec.Stored.DOUBLE_LIST;
    }

    /** The Java value to the parameter value; {@code null} stays {@code null}. */
    public Object toGraph(Object javaValue) {
        if (javaValue == null) {
            return null;
        }
        if (vector != null && javaValue instanceof float[] f && f.length != vector.dimension()) {
            throw new dev.falkor.orm.api.InvalidEntityException(describe() + " has " + f.length + " elements, but "
                    + "@VectorIndexed(dimension = " + vector.dimension() + ") declares " + vector.dimension()
                    + "; nothing was saved");
        }
        try {
            return codec.write(javaValue);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(describe() + ": cannot store value: " + e.getMessage(), e);
        }
    }

    /** A graph value to the Java value; {@code NullValue} becomes {@code null}. */
    public Object fromGraph(GraphValue value) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        try {
            return codec.read(value);
        } catch (RuntimeException e) {
            throw new dev.falkor.orm.api.ValueConversionException("Cannot read " + describe() + " from graph property '"
                    + graphName + "' (stored as " + value.getClass().getSimpleName().replace("Value", "").toLowerCase()
                    + "): " + e.getMessage(), e);
        }
    }

    /** {@code Owner.field} for messages. */
    public String describe() {
        return owner.getName() + "." + javaName;
    }

    @Override
    public String toString() {
        return describe() + " -> " + graphName;
    }
}
