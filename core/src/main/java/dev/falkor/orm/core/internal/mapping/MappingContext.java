package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.api.IdGenerator;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.Convert;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Interned;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.PersistenceCreator;
import dev.falkor.orm.api.annotation.Property;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.RelationshipProperties;
import dev.falkor.orm.api.annotation.TargetNode;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.api.annotation.Transient;
import dev.falkor.orm.api.annotation.Unique;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.spi.ValueConverter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Builds, validates and caches {@link EntityMetadata}. Thread-safe; each class is analysed
 * once. Bad mappings fail here, at bootstrap, with the class and field named.
 */
public final class MappingContext {
    private final MethodHandleAccessors accessors;
    @SuppressWarnings("rawtypes")
    private final List<ValueConverter> explicitConverters;
    @SuppressWarnings("rawtypes")
    private final List<ValueConverter> discoveredConverters;
    private final Map<Class<?>, EntityMetadata> cache = new ConcurrentHashMap<>();

    @SuppressWarnings("rawtypes")
    public MappingContext(MethodHandles.Lookup lookup, List<ValueConverter> explicitConverters,
                          List<ValueConverter> discoveredConverters) {
        this(lookup, explicitConverters, discoveredConverters, Lifecycle.none());
    }

    private final Lifecycle lifecycle;

    /** With the lifecycle (listeners, clock) every entity's callbacks run through. */
    @SuppressWarnings("rawtypes")
    public MappingContext(MethodHandles.Lookup lookup, List<ValueConverter> explicitConverters,
                          List<ValueConverter> discoveredConverters, Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.accessors = new MethodHandleAccessors(lookup);
        this.explicitConverters = List.copyOf(explicitConverters);
        List<ValueConverter> sorted = new ArrayList<>(discoveredConverters);
        sorted.sort(Comparator.comparingInt((ValueConverter c) -> c.priority()).reversed());
        this.discoveredConverters = List.copyOf(sorted);
    }

    /**
     * The metadata of {@code type}, analysing it on first use, with every entity its
     * relationships reach. Nothing is cached unless the whole set of entities is valid.
     */
    public EntityMetadata entity(Class<?> type) {
        EntityMetadata m = cache.get(type);
        if (m != null) {
            return m;
        }
        synchronized (this) {
            m = cache.get(type);
            if (m != null) {
                return m;
            }
            Map<Class<?>, EntityMetadata> building = new LinkedHashMap<>();
            m = within(type, building, false);
            for (EntityMetadata e : building.values()) {
                for (PersistentProperty r : e.relationships()) {
                    resolveInverse(r.relationship());
                }
            }
            cache.putAll(building);
            return m;
        }
    }

    /** The metadata of {@code type}: cached, being built in this call, or built now (with what it reaches). */
    private EntityMetadata within(Class<?> type, Map<Class<?>, EntityMetadata> building, boolean relationshipProperties) {
        EntityMetadata m = cache.get(type);
        if (m == null) {
            m = building.get(type);
        }
        if (m != null) {
            return m;
        }
        m = build(type, relationshipProperties);
        building.put(type, m);
        for (PersistentProperty p : m.members()) {
            if (p.kind() == PersistentProperty.Kind.RELATIONSHIP) {
                RelationshipInfo r = p.relationship();
                EntityMetadata props = r.elementClass() == r.targetClass() ? null : within(r.elementClass(), building, true);
                EntityMetadata target = within(r.targetClass(), building, false);
                r.resolve(p, m, target, props);
                Class<?> element = props != null ? props.type() : target.type();
                boolean elementHasRelationships = props != null ? false : !target.relationships().isEmpty();
                if (r.container() == RelationshipInfo.Container.SET && element.isRecord() && elementHasRelationships) {
                    throw new MappingException(p.describe() + ": a Set of " + element.getSimpleName() + " would hash "
                            + "its elements, and a record's hashCode reads its relationship fields, loading them; "
                            + "declare the field as a List or Collection");
                }
            }
        }
        return m;
    }

    /** Checks {@code inverse = "..."} and pairs the two fields. */
    private static void resolveInverse(RelationshipInfo r) {
        String where = r.field().describe();
        PersistentProperty other = null;
        if (!r.inverseName().isEmpty()) {
            other = r.target().relationship(r.inverseName()).orElseThrow(() -> new MappingException(where
                    + ": inverse '" + r.inverseName() + "' is not a @Relationship field of " + r.targetClass().getName()
                    + "; its relationship fields: " + r.target().relationships().stream()
                    .map(PersistentProperty::javaName).toList()));
        } else {
            for (PersistentProperty candidate : r.target().relationships()) {
                if (candidate.relationship().inverseName().equals(r.field().javaName())
                        && candidate.relationship().targetClass().isAssignableFrom(r.owner().type())) {
                    other = candidate;
                }
            }
            if (other == null) {
                return;
            }
        }
        RelationshipInfo o = other.relationship();
        String pair = where + " and its inverse " + other.describe();
        if (!o.type().equals(r.type())) {
            throw new MappingException(pair + " map different relationship types (" + r.type() + ", " + o.type() + ")");
        }
        boolean opposite = switch (r.direction()) {
            case OUTGOING -> o.direction() == Relationship.Direction.INCOMING;
            case INCOMING -> o.direction() == Relationship.Direction.OUTGOING;
            case UNDIRECTED -> o.direction() == Relationship.Direction.UNDIRECTED;
        };
        if (!opposite) {
            throw new MappingException(pair + " must point opposite ways (OUTGOING with INCOMING, or both UNDIRECTED), "
                    + "but are " + r.direction() + " and " + o.direction());
        }
        if (!o.targetClass().isAssignableFrom(r.owner().type())) {
            throw new MappingException(pair + ": the inverse points at " + o.targetClass().getName() + ", not back at "
                    + r.owner().type().getName());
        }
        if (!o.inverseName().isEmpty() && !o.inverseName().equals(r.field().javaName())) {
            throw new MappingException(pair + ": the inverse names '" + o.inverseName() + "' as its own inverse, not '"
                    + r.field().javaName() + "'");
        }
        if (r.hasProperties() || o.hasProperties()) {
            throw new MappingException(pair + ": inverse pairs are for relationships without properties; two fields "
                    + "with relationship-properties classes may map the same relationships without declaring inverse");
        }
        r.inverse(other);
        o.inverse(r.field());
    }

    /** All entity types analysed so far. */
    public Collection<EntityMetadata> entities() {
        return cache.values();
    }

    /** True if {@code type} is annotated with {@code @Node}. */
    public static boolean isEntity(Class<?> type) {
        return type.getDeclaredAnnotation(Node.class) != null;
    }

    /** True if {@code type} is annotated with {@code @RelationshipProperties}. */
    public static boolean isRelationshipProperties(Class<?> type) {
        return type.getDeclaredAnnotation(RelationshipProperties.class) != null;
    }

    private EntityMetadata build(Class<?> type, boolean relationshipProperties) {
        if (relationshipProperties ? !isRelationshipProperties(type) : !isEntity(type)) {
            throw new MappingException(type.getName() + " is not an entity: annotate it with @Node");
        }
        if (type.isInterface() || (Modifier.isAbstract(type.getModifiers()) && !type.isRecord())) {
            throw new MappingException(type.getName() + " is abstract; map a concrete class");
        }
        List<String> labels = relationshipProperties ? List.of() : labels(type);
        String idLabel = relationshipProperties ? null : idLabel(type);
        List<PersistentProperty> properties = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                properties.add(property(type, c.getName(), c, c.getType(), c.getGenericType(),
                        accessors.recordComponent(c)));
            }
        } else {
            for (Field f : fields(type)) {
                properties.add(property(type, f.getName(), f, f.getType(), f.getGenericType(), accessors.field(f)));
            }
        }
        List<PersistentProperty> ids = properties.stream().filter(PersistentProperty::isId).toList();
        if (relationshipProperties) {
            checkRelationshipProperties(type, properties, ids);
        } else if (ids.isEmpty()) {
            throw new MappingException(type.getName() + " has no @Id field; every entity needs exactly one");
        }
        if (ids.size() > 1) {
            throw new MappingException(type.getName() + " has several @Id fields ("
                    + ids.stream().map(PersistentProperty::javaName).collect(Collectors.joining(", "))
                    + "); keep exactly one");
        }
        Map<String, PersistentProperty> graphNames = new HashMap<>();
        for (PersistentProperty p : properties) {
            if (!p.isValue()) {
                continue;
            }
            PersistentProperty clash = graphNames.put(p.graphName(), p);
            if (clash != null) {
                throw new MappingException(type.getName() + ": fields " + clash.javaName() + " and " + p.javaName()
                        + " both map to graph property '" + p.graphName() + "'");
            }
        }
        Constructor<?> ctor = creator(type, properties);
        List<PersistentProperty> args = new ArrayList<>();
        Map<String, PersistentProperty> byJava = new LinkedHashMap<>();
        properties.forEach(p -> byJava.put(p.javaName(), p));
        for (Parameter param : ctor.getParameters()) {
            PersistentProperty p = byJava.get(param.getName());
            if (p == null || !param.getType().equals(p.type())) {
                throw new MappingException(type.getName() + ": constructor parameter '" + param.getName()
                        + "' does not match a mapped field of the same name and type"
                        + (param.isNamePresent() ? "" : " (compile with -parameters so names are kept)"));
            }
            args.add(p);
        }
        for (PersistentProperty p : properties) {
            if (!args.contains(p) && !p.accessor().writable()) {
                throw new MappingException(p.describe() + " is final but not a parameter of the constructor used to "
                        + "create " + type.getSimpleName() + "; make it non-final or add it to a @PersistenceCreator constructor");
            }
        }
        MethodHandle handle = accessors.constructor(ctor);
        PersistentProperty id = ids.isEmpty() ? null : ids.get(0);
        List<String> versions = properties.stream().filter(PersistentProperty::isVersion)
                .map(PersistentProperty::javaName).toList();
        if (versions.size() > 1 || (!versions.isEmpty() && relationshipProperties)) {
            throw new MappingException(type.getName() + ": " + (relationshipProperties
                    ? "@Version applies to nodes, not to relationship properties" : "only one @Version field is allowed, found "
                    + versions));
        }
        EntityMetadata meta = new EntityMetadata(type, labels, idLabel, id, properties, handle, args, relationshipProperties);
        meta.lifecycle(lifecycle, Lifecycle.callbacks(type, accessors));
        return meta;
    }

    private static void checkRelationshipProperties(Class<?> type, List<PersistentProperty> members,
                                                    List<PersistentProperty> ids) {
        if (!ids.isEmpty()) {
            throw new MappingException(type.getName() + ": a @RelationshipProperties class has no @Id; a relationship "
                    + "is identified by its type and its two end nodes");
        }
        List<PersistentProperty> targets = members.stream()
                .filter(p -> p.kind() == PersistentProperty.Kind.TARGET).toList();
        if (targets.size() != 1) {
            throw new MappingException(type.getName() + ": a @RelationshipProperties class needs exactly one @TargetNode "
                    + "field (the entity at the other end), found " + targets.size());
        }
        for (PersistentProperty p : members) {
            if (p.kind() == PersistentProperty.Kind.RELATIONSHIP) {
                throw new MappingException(p.describe() + ": a relationship cannot have relationships of its own");
            }
        }
    }

    private static List<String> labels(Class<?> type) {
        List<String> labels = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Node node = c.getDeclaredAnnotation(Node.class);
            if (node == null) {
                continue;
            }
            String[] own = node.value().length == 0 ? new String[] {c.getSimpleName()} : node.value();
            for (String l : own) {
                if (!Identifiers.isValid(l)) {
                    throw new MappingException(c.getName() + ": label '" + l
                            + "' is not a valid identifier (letters, digits, '_', not starting with a digit)");
                }
                if (!labels.contains(l)) {
                    labels.add(l);
                }
            }
        }
        return labels;
    }

    private static String idLabel(Class<?> type) {
        String label = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Node node = c.getDeclaredAnnotation(Node.class);
            if (node != null) {
                label = node.value().length == 0 ? c.getSimpleName() : node.value()[0];
            }
        }
        return label;
    }

    private static List<Field> fields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()
                        || f.isAnnotationPresent(Transient.class)) {
                    continue;
                }
                out.add(f);
            }
        }
        return out;
    }

    private PersistentProperty property(Class<?> owner, String javaName, AnnotatedElement element, Class<?> raw,
                                        Type generic, PropertyAccessor accessor) {
        String where = owner.getName() + "." + javaName;
        Relationship rel = element.getAnnotation(Relationship.class);
        if (rel != null) {
            return relationship(owner, javaName, element, raw, generic, accessor, rel, where);
        }
        if (element.isAnnotationPresent(TargetNode.class)) {
            if (!isRelationshipProperties(owner)) {
                throw new MappingException(where + ": @TargetNode belongs in a @RelationshipProperties class");
            }
            if (!isEntity(raw)) {
                throw new MappingException(where + ": the @TargetNode field must hold an entity (@Node), not "
                        + raw.getName());
            }
            return new PersistentProperty(owner, javaName, raw, PersistentProperty.Kind.TARGET, accessor, null);
        }
        Property named = element.getAnnotation(Property.class);
        String graphName = named != null ? named.name() : javaName;
        if (!Identifiers.isValid(graphName)) {
            throw new MappingException(where + ": property name '" + graphName
                    + "' is not a valid identifier (letters, digits, '_', not starting with a digit)");
        }
        boolean isId = element.isAnnotationPresent(Id.class);
        GeneratedValue gen = element.getAnnotation(GeneratedValue.class);
        if (gen != null && !isId) {
            throw new MappingException(where + ": @GeneratedValue is only allowed on the @Id field");
        }
        IdGenerator generator = gen == null ? null : instantiate(gen.generator(), IdGenerator.class, where);
        if (gen != null && raw.isPrimitive()) {
            throw new MappingException(where + ": a generated id cannot be primitive (null marks 'not yet assigned'); use "
                    + raw.getName().substring(0, 1).toUpperCase() + raw.getName().substring(1) + " or a wrapper type");
        }
        boolean interned = element.isAnnotationPresent(Interned.class);
        if (interned && raw != String.class) {
            throw new MappingException(where + ": @Interned applies to String fields only, not " + raw.getName());
        }
        Convert convert = element.getAnnotation(Convert.class);
        PersistentProperty.Kind kind = PersistentProperty.Kind.SCALAR;
        Codec codec;
        boolean collection = false;
        if (element.isAnnotationPresent(dev.falkor.orm.api.annotation.Json.class)) {
            if (convert != null || isId) {
                throw new MappingException(where + ": @Json does not combine with @Convert or @Id");
            }
            codec = Codecs.json(jsonCodec(where), generic, where);
        } else if (convert == null && raw == float[].class) {
            kind = PersistentProperty.Kind.VECTOR;
            codec = Codecs.VECTOR;
        } else if (Map.class.isAssignableFrom(raw)) {
            Type[] args = typeArguments(generic, where);
            if (args[0] != String.class) {
                throw new MappingException(where + ": only Map<String, V> is supported (keys become property names)");
            }
            kind = PersistentProperty.Kind.MAP;
            codec = elementCodec(args[1], convert, where);
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            if (!(raw.isArray() || raw == List.class || raw == Set.class || raw == Collection.class)) {
                throw new MappingException(where + ": declare the field as List, Set or Collection, not " + raw.getName());
            }
            Type element1 = raw.isArray() ? raw.getComponentType() : typeArguments(generic, where)[0];
            codec = Codecs.collection(elementCodec(element1, convert, where), raw,
                    raw.isArray() ? raw.getComponentType() : null);
            collection = true;
        } else {
            codec = scalarCodec(raw, convert, where);
        }
        boolean unique = element.isAnnotationPresent(Unique.class);
        PersistentProperty property = new PersistentProperty(owner, javaName, graphName, raw, kind, codec, accessor, isId,
                generator, unique, interned, collection);
        if (element.isAnnotationPresent(dev.falkor.orm.api.annotation.Version.class)) {
            if (isId || convert != null || !(raw == long.class || raw == Long.class || raw == int.class
                    || raw == Integer.class)) {
                throw new MappingException(where + ": @Version needs a long, Long, int or Integer field that is not the "
                        + "id and has no converter");
            }
            property.markVersion();
        }
        markSchema(property, element, kind, raw, where);
        boolean created = element.isAnnotationPresent(dev.falkor.orm.api.annotation.CreatedDate.class);
        boolean modified = element.isAnnotationPresent(dev.falkor.orm.api.annotation.LastModifiedDate.class);
        if (created || modified) {
            if (created && modified || isId || !Lifecycle.isTimeType(raw)) {
                throw new MappingException(where + ": @" + (created ? "CreatedDate" : "LastModifiedDate") + " needs an "
                        + "Instant, OffsetDateTime, ZonedDateTime, LocalDateTime, LocalDate or long/Long field (epoch "
                        + "milliseconds) that is not the id, and only one of the two");
            }
            property.markAudit(created ? 1 : 2);
        }
        return property;
    }

    /** The JSON codec found on the path, or a mapping error naming the field and what to add. */
    private static dev.falkor.orm.spi.JsonCodec jsonCodec(String where) {
        List<String> missing = new ArrayList<>();
        for (dev.falkor.orm.spi.JsonCodec c : java.util.ServiceLoader.load(dev.falkor.orm.spi.JsonCodec.class,
                MappingContext.class.getClassLoader())) {
            if (c.available()) {
                return c;
            }
            missing.add(c.missing());
        }
        throw new MappingException(where + " is @Json, but no JSON codec is available: "
                + (missing.isEmpty() ? "add dev.falkor.orm:falkor-orm-converters and com.fasterxml.jackson.core:"
                + "jackson-databind" : "add " + String.join(" or ", missing)));
    }

    /** Reads and checks the schema annotations of a property. */
    private static void markSchema(PersistentProperty property, AnnotatedElement element, PersistentProperty.Kind kind,
                                   Class<?> raw, String where) {
        boolean indexed = element.isAnnotationPresent(dev.falkor.orm.api.annotation.Indexed.class);
        boolean mandatory = element.isAnnotationPresent(dev.falkor.orm.api.annotation.Mandatory.class);
        dev.falkor.orm.api.annotation.FulltextIndexed fulltext =
                element.getAnnotation(dev.falkor.orm.api.annotation.FulltextIndexed.class);
        dev.falkor.orm.api.annotation.VectorIndexed vector =
                element.getAnnotation(dev.falkor.orm.api.annotation.VectorIndexed.class);
        if (indexed && kind == PersistentProperty.Kind.MAP) {
            throw new MappingException(where + ": @Indexed does not apply to a map (its keys are properties of their own)");
        }
        if (fulltext != null && raw != String.class) {
            throw new MappingException(where + ": @FulltextIndexed needs a String field, not " + raw.getName());
        }
        if (vector != null) {
            if (kind != PersistentProperty.Kind.VECTOR) {
                throw new MappingException(where + ": @VectorIndexed needs a float[] field, not " + raw.getName());
            }
            if (vector.dimension() < 1) {
                throw new MappingException(where + ": @VectorIndexed(dimension = " + vector.dimension()
                        + ") must be at least 1");
            }
        }
        property.markSchema(indexed, mandatory, fulltext, vector);
    }

    private static PersistentProperty relationship(Class<?> owner, String javaName, AnnotatedElement element,
                                                   Class<?> raw, Type generic, PropertyAccessor accessor,
                                                   Relationship rel, String where) {
        for (Class<? extends java.lang.annotation.Annotation> a : List.of(Id.class, Property.class, Convert.class,
                Unique.class, Interned.class, GeneratedValue.class, TargetNode.class,
                dev.falkor.orm.api.annotation.Version.class)) {
            if (element.isAnnotationPresent(a)) {
                throw new MappingException(where + ": @" + a.getSimpleName() + " does not apply to a @Relationship field");
            }
        }
        if (!Identifiers.isValid(rel.type())) {
            throw new MappingException(where + ": relationship type '" + rel.type()
                    + "' is not a valid identifier (letters, digits, '_', not starting with a digit)");
        }
        RelationshipInfo.Container container;
        Class<?> element1;
        if (raw == Ref.class || raw == List.class || raw == Set.class || raw == Collection.class) {
            container = raw == Ref.class ? RelationshipInfo.Container.REF : raw == List.class
                    ? RelationshipInfo.Container.LIST : raw == Set.class ? RelationshipInfo.Container.SET
                    : RelationshipInfo.Container.COLLECTION;
            Type arg = typeArguments(generic, where)[0];
            if (!(arg instanceof Class<?> c)) {
                throw new MappingException(where + ": declare the related type as a plain class, not "
                        + arg.getTypeName());
            }
            element1 = c;
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray() || Map.class.isAssignableFrom(raw)) {
            throw new MappingException(where + ": declare a to-many relationship as List, Set or Collection, not "
                    + raw.getName());
        } else {
            container = RelationshipInfo.Container.ONE;
            element1 = raw;
        }
        Class<?> target;
        if (isEntity(element1)) {
            target = element1;
        } else if (isRelationshipProperties(element1)) {
            target = null;
            for (Class<?> c = element1; c != null && target == null; c = c.getSuperclass()) {
                if (element1.isRecord()) {
                    for (RecordComponent rc : element1.getRecordComponents()) {
                        if (rc.isAnnotationPresent(TargetNode.class)) {
                            target = rc.getType();
                        }
                    }
                    break;
                }
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(TargetNode.class)) {
                        target = f.getType();
                    }
                }
            }
            if (target == null || !isEntity(target)) {
                throw new MappingException(where + ": relationship-properties class " + element1.getName()
                        + " needs a @TargetNode field holding an entity (@Node)");
            }
        } else {
            throw new MappingException(where + ": the target of a @Relationship must be an entity (@Node) or a "
                    + "@RelationshipProperties class, not " + element1.getName());
        }
        boolean save = false;
        boolean delete = false;
        for (Relationship.Cascade c : rel.cascade()) {
            save |= c == Relationship.Cascade.SAVE;
            delete |= c == Relationship.Cascade.DELETE;
        }
        RelationshipInfo info = new RelationshipInfo(rel.type(), rel.direction(), container, element1, target,
                rel.inverse().strip(), rel.fetch() == Relationship.Fetch.EAGER, save, delete);
        return new PersistentProperty(owner, javaName, raw, PersistentProperty.Kind.RELATIONSHIP, accessor, info);
    }

    private Codec elementCodec(Type type, Convert convert, String where) {
        if (!(type instanceof Class<?> c)) {
            throw new MappingException(where + ": element type " + type.getTypeName()
                    + " must be a plain class (no wildcards, type variables or nested generics)");
        }
        return scalarCodec(c, convert, where);
    }

    private static Type[] typeArguments(Type generic, String where) {
        if (generic instanceof ParameterizedType pt) {
            return pt.getActualTypeArguments();
        }
        throw new MappingException(where + ": declare the element type (e.g. List<String>), raw collections cannot be mapped");
    }

    @SuppressWarnings("rawtypes")
    private Codec scalarCodec(Class<?> raw, Convert convert, String where) {
        if (convert != null) {
            ValueConverter c = instantiate(convert.value(), ValueConverter.class, where);
            return Codecs.converted(c, raw);
        }
        if (raw == String.class) {
            return Codecs.STRING;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Codecs.BOOLEAN;
        }
        if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class) {
            return Codecs.integer(raw);
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return Codecs.floating(raw);
        }
        if (raw == char.class || raw == Character.class) {
            return Codecs.CHARACTER;
        }
        ValueConverter converter = converterFor(raw, where);
        if (converter != null) {
            return Codecs.converted(converter, raw);
        }
        if (isEntity(raw)) {
            throw new MappingException(where + ": " + raw.getSimpleName() + " is an entity; map the field as a relationship with "
                    + "@Relationship(type = \"...\") or mark it @Transient");
        }
        throw new MappingException(where + ": no converter for type " + raw.getName()
                + ". Add the falkor-orm-converters module (enums, UUID, BigDecimal, java.time, ...), register a "
                + "ValueConverter on the builder, put @Convert on the field, or mark it @Transient");
    }

    /** The converter for a type, by the documented precedence; null if none. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ValueConverter converterFor(Class<?> raw, String where) {
        for (ValueConverter c : explicitConverters) {
            if (c.supports(raw)) {
                return c;
            }
        }
        ValueConverter best = null;
        for (ValueConverter c : discoveredConverters) {
            if (!c.supports(raw)) {
                continue;
            }
            if (best == null) {
                best = c;
            } else if (best.priority() == c.priority() && best.getClass() != c.getClass()) {
                throw new MappingException(where + ": converters " + best.getClass().getName() + " and "
                        + c.getClass().getName() + " both handle " + raw.getName() + " with priority " + c.priority()
                        + "; register the one you want on the builder or use @Convert");
            } else {
                break;
            }
        }
        return best;
    }

    private static <T> T instantiate(Class<?> impl, Class<T> contract, String where) {
        if (!contract.isAssignableFrom(impl)) {
            throw new MappingException(where + ": " + impl.getName() + " does not implement " + contract.getName());
        }
        try {
            return contract.cast(impl.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MappingException(where + ": cannot create " + impl.getName()
                    + "; it needs a public no-argument constructor (" + e + ")", e);
        }
    }

    private static Constructor<?> creator(Class<?> type, List<PersistentProperty> properties) {
        Constructor<?>[] all = type.getDeclaredConstructors();
        List<Constructor<?>> annotated = Arrays.stream(all)
                .filter(c -> c.isAnnotationPresent(PersistenceCreator.class)).toList();
        if (annotated.size() > 1) {
            throw new MappingException(type.getName() + " has several @PersistenceCreator constructors; keep one");
        }
        if (annotated.size() == 1) {
            return annotated.get(0);
        }
        if (type.isRecord()) {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                return type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new MappingException(type.getName() + ": canonical constructor not found", e);
            }
        }
        for (Constructor<?> c : all) {
            if (c.getParameterCount() == 0) {
                return c;
            }
        }
        Set<String> names = properties.stream().map(PersistentProperty::javaName).collect(Collectors.toSet());
        for (Constructor<?> c : all) {
            if (c.getParameterCount() == names.size() && Arrays.stream(c.getParameters())
                    .allMatch(p -> names.contains(p.getName()))) {
                return c;
            }
        }
        throw new MappingException(type.getName() + " has no no-argument constructor, no @PersistenceCreator "
                + "constructor and no constructor whose parameters name all mapped fields"
                + " (compile with -parameters so parameter names are kept)");
    }
}
