package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.spi.batch.NodeShape;
import dev.falkor.orm.spi.batch.PropertyShape;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the mapper knows about one entity class, built once and validated at
 * bootstrap: labels, the id, the mapped properties and the constructor. It only describes:
 * taking instances apart and building them is {@link EntityValues}' job, reading rows
 * {@link ReadShape}'s, and the Cypher is built by the statement builders of the repository
 * package.
 */
public final class EntityMetadata {
    private final Class<?> type;
    private final List<String> labels;
    private final String idLabel;
    private final PersistentProperty id;
    private final List<PersistentProperty> members;
    private final List<PersistentProperty> properties;
    private final List<PersistentProperty> relationships;
    private final PersistentProperty version;
    private final PersistentProperty createdDate;
    private final PersistentProperty lastModifiedDate;
    private final PersistentProperty targetNode;
    private final boolean relationshipProperties;
    private final Map<String, PersistentProperty> byJavaName;
    private final Map<String, PersistentProperty> relationshipsByName;
    private final MethodHandle constructor;
    private final List<PersistentProperty> constructorArguments;
    private final int[] constructorIndexes;
    private final boolean[] isConstructorArgument;

    EntityMetadata(Class<?> type, List<String> labels, String idLabel, PersistentProperty id,
                   List<PersistentProperty> members, MethodHandle constructor,
                   List<PersistentProperty> constructorArguments, boolean relationshipProperties) {
        this.type = type;
        this.labels = List.copyOf(labels);
        this.idLabel = idLabel;
        this.id = id;
        this.relationshipProperties = relationshipProperties;
        this.members = List.copyOf(members);
        this.properties = members.stream().filter(PersistentProperty::isValue).toList();
        this.version = properties.stream().filter(PersistentProperty::isVersion).findFirst().orElse(null);
        this.createdDate = properties.stream().filter(PersistentProperty::isCreatedDate).findFirst().orElse(null);
        this.lastModifiedDate = properties.stream().filter(PersistentProperty::isLastModifiedDate).findFirst()
                .orElse(null);
        this.relationships = members.stream().filter(p -> p.kind() == PersistentProperty.Kind.RELATIONSHIP).toList();
        this.targetNode = members.stream().filter(p -> p.kind() == PersistentProperty.Kind.TARGET).findFirst()
                .orElse(null);
        Map<String, PersistentProperty> names = new LinkedHashMap<>();
        for (PersistentProperty p : properties) {
            names.put(p.javaName(), p);
        }
        this.byJavaName = Collections.unmodifiableMap(names);
        Map<String, PersistentProperty> rels = new LinkedHashMap<>();
        for (PersistentProperty p : relationships) {
            rels.put(p.javaName(), p);
        }
        this.relationshipsByName = Collections.unmodifiableMap(rels);
        this.constructor = constructor;
        this.constructorArguments = Collections.unmodifiableList(new ArrayList<>(constructorArguments));
        this.constructorIndexes = new int[constructorArguments.size()];
        this.isConstructorArgument = new boolean[this.members.size()];
        for (int i = 0; i < constructorIndexes.length; i++) {
            int index = this.members.indexOf(constructorArguments.get(i));
            if (index < 0) {
                throw new IllegalStateException(constructorArguments.get(i) + " is a constructor argument of " + type
                        + " but not a mapped property");
            }
            constructorIndexes[i] = index;
            isConstructorArgument[index] = true;
        }
    }

    public Class<?> type() { return type; }
    /** All labels, primary (own) label first. */
    public List<String> labels() { return labels; }
    /** The label queries match on: the entity's own primary label. */
    public String primaryLabel() { return labels.get(0); }
    /**
     * The label under which ids are unique: the primary label of the top-most mapped class in
     * the hierarchy. Saves MERGE on it, so a subclass never duplicates a parent's node.
     */
    public String idLabel() { return idLabel; }
    public PersistentProperty id() { return id; }
    /** The mapped property values (node properties, or a relationship's for relationship-properties classes). */
    public List<PersistentProperty> properties() { return properties; }
    /** Every mapped member: properties, relationships and the target node, in construction order. */
    public List<PersistentProperty> members() { return members; }
    /** The {@code @Relationship} fields. */
    public List<PersistentProperty> relationships() { return relationships; }
    /** The {@code @Relationship} field with this Java name, if any. */
    public Optional<PersistentProperty> relationship(String javaName) {
        return Optional.ofNullable(relationshipsByName.get(javaName));
    }
    /** True for a {@code @RelationshipProperties} class (no labels, no id). */
    public boolean isRelationshipProperties() { return relationshipProperties; }
    /** The {@code @TargetNode} field of a relationship-properties class, else null. */
    public PersistentProperty targetNode() { return targetNode; }

    public Optional<PersistentProperty> property(String javaName) {
        return Optional.ofNullable(byJavaName.get(javaName));
    }

    /** {@code :`A`:`B`} for all labels. */
    public String labelExpression() {
        StringBuilder sb = new StringBuilder();
        for (String l : labels) {
            sb.append(':').append(Identifiers.quote(l));
        }
        return sb.toString();
    }

    private volatile dev.falkor.orm.spi.value.PairMap.Keys snapshotKeys;

    /** The graph names of {@link #properties()}, in order: the keys of a read's snapshot. */
    public dev.falkor.orm.spi.value.PairMap.Keys snapshotKeys() {
        dev.falkor.orm.spi.value.PairMap.Keys k = snapshotKeys;
        if (k == null) {
            k = new dev.falkor.orm.spi.value.PairMap.Keys(properties.stream().map(PersistentProperty::graphName)
                    .toArray(String[]::new));
            snapshotKeys = k;
        }
        return k;
    }

    private Map<Lifecycle.Event, List<java.lang.invoke.MethodHandle>> callbacks = Map.of();
    private Lifecycle lifecycle = Lifecycle.none();

    void lifecycle(Lifecycle lifecycle, Map<Lifecycle.Event, List<java.lang.invoke.MethodHandle>> callbacks) {
        this.lifecycle = lifecycle;
        this.callbacks = callbacks;
    }

    /** The mapper's lifecycle (callbacks, listeners, clock). */
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** The entity's own callback methods, per event. */
    public Map<Lifecycle.Event, List<java.lang.invoke.MethodHandle>> callbacks() {
        return callbacks;
    }

    /** The {@code @CreatedDate} property, or null. */
    public PersistentProperty createdDate() {
        return createdDate;
    }

    /** The {@code @LastModifiedDate} property, or null. */
    public PersistentProperty lastModifiedDate() {
        return lastModifiedDate;
    }

    /** The {@code @Version} property, or null. */
    public PersistentProperty version() {
        return version;
    }

    /** The unique properties (id first if unique): the constraints writes are guarded by. */
    public List<PersistentProperty> uniqueProperties() {
        java.util.Set<PersistentProperty> out = new java.util.LinkedHashSet<>();
        if (id != null && id.isUnique()) {
            out.add(id);
        }
        for (PersistentProperty p : properties) {
            if (p.isUnique()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private volatile NodeShape shape;

    /**
     * The nodes of this entity as batch writers see them: labels, id, the properties other than
     * the id and {@code Map} ones (a {@code Map} field makes the shape open), unique properties.
     */
    public NodeShape shape() {
        NodeShape s = shape;
        return s != null ? s : buildShape();
    }

    /** Once: writes find the entity back by its shape's identity. */
    private synchronized NodeShape buildShape() {
        NodeShape s = shape;
        if (s == null) {
            List<PropertyShape> props = new ArrayList<>();
            boolean open = false;
            for (PersistentProperty p : properties) {
                if (p.isId()) {
                    continue;
                }
                if (p.kind() == PersistentProperty.Kind.MAP) {
                    open = true;
                    continue;
                }
                PropertyShape.Form form = p.isInterned() ? PropertyShape.Form.INTERNED
                        : p.kind() == PersistentProperty.Kind.VECTOR ? PropertyShape.Form.VECTOR : PropertyShape.Form.PLAIN;
                props.add(new PropertyShape(p.graphName(), form));
            }
            s = new NodeShape(labels, idLabel, id.graphName(), props, open,
                    uniqueProperties().stream().map(PersistentProperty::graphName).toList(),
                    version() == null ? null : version().graphName(),
                    properties.stream().anyMatch(PersistentProperty::isMandatory));
            shape = s;
        }
        return s;
    }

    /** The id value of {@code entity}. */
    public Object idOf(Object entity) {
        if (id == null) {
            throw new IllegalStateException(type.getName() + " is a relationship-properties class and has no id");
        }
        return id.accessor().get(entity);
    }

    /**
     * True if a stored node of this type may be of a mapped subtype, so reads need its labels.
     * Records and final classes cannot have subtypes.
     */
    public boolean mayHaveSubtypes() {
        return !type.isRecord() && !java.lang.reflect.Modifier.isFinal(type.getModifiers());
    }

    MethodHandle constructor() {
        return constructor;
    }

    List<PersistentProperty> constructorArguments() {
        return constructorArguments;
    }

    int[] constructorIndexes() {
        return constructorIndexes;
    }

    boolean[] isConstructorArgument() {
        return isConstructorArgument;
    }

    @Override
    public String toString() {
        return "Entity " + type.getName() + labels + " id=" + id.javaName();
    }
}
