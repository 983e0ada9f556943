package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.RelationshipInfo;
import dev.falkor.orm.core.internal.query.DomainModel;
import dev.falkor.orm.core.internal.query.PropertyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mapping metadata seen by the derived-query parser: the value properties of an entity (or
 * of a relationship-properties class, reached through a relationship), and its
 * {@code @Relationship} fields as relationship properties with their {@link PropertyRef.Hop}.
 * Flattened maps are not queryable by name.
 */
record MappingDomainModel(MappingContext mapping) implements DomainModel {

    @Override
    public Optional<PropertyRef> property(Class<?> owner, String javaName) {
        // A relationship-properties class is only ever asked about after the relationship that
        // uses it was resolved, which analysed (and cached) it with its owner.
        EntityMetadata e = mapping.entity(owner);
        Optional<PropertyRef> value = e.property(javaName)
                .filter(p -> p.kind() != PersistentProperty.Kind.MAP)
                .map(p -> PropertyRef.simple(owner, p.javaName(), p.graphName(), p.type(),
                        p.isCollection() || p.kind() == PersistentProperty.Kind.VECTOR));
        if (value.isPresent()) {
            return value;
        }
        return e.relationship(javaName).map(p -> relationship(owner, p));
    }

    /** A {@code @Relationship} field as the parser sees it: its target, and how to walk it. */
    private static PropertyRef relationship(Class<?> owner, PersistentProperty p) {
        RelationshipInfo r = p.relationship();
        EntityMetadata target = r.target();
        PersistentProperty id = target.id();
        PropertyRef.Hop hop = new PropertyRef.Hop(r.type(), r.direction(), target.primaryLabel(),
                r.hasProperties() ? r.elementClass() : null, id.graphName(),
                entity -> id.toGraph(target.idOf(entity)));
        return PropertyRef.relationship(owner, p.javaName(), r.targetClass(), r.isMany(), hop);
    }

    @Override
    public List<String> propertyNames(Class<?> owner) {
        EntityMetadata e = mapping.entity(owner);
        List<String> names = new ArrayList<>();
        e.properties().stream().filter(p -> p.kind() != PersistentProperty.Kind.MAP)
                .forEach(p -> names.add(p.javaName()));
        e.relationships().forEach(p -> names.add(p.javaName()));
        return names;
    }
}
