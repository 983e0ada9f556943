package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.query.DomainModel;
import dev.falkor.orm.core.internal.query.PropertyRef;
import java.util.List;
import java.util.Optional;

/** The mapping metadata seen by the derived-query parser. Flattened maps are not queryable by name. */
record MappingDomainModel(MappingContext mapping) implements DomainModel {

    @Override
    public Optional<PropertyRef> property(Class<?> owner, String javaName) {
        EntityMetadata e = mapping.entity(owner);
        return e.property(javaName)
                .filter(p -> p.kind() != PersistentProperty.Kind.MAP)
                .map(p -> new PropertyRef(owner, p.javaName(), p.graphName(), p.type(),
                        p.isCollection() || p.kind() == PersistentProperty.Kind.VECTOR, false, null));
    }

    @Override
    public List<String> propertyNames(Class<?> owner) {
        return mapping.entity(owner).properties().stream()
                .filter(p -> p.kind() != PersistentProperty.Kind.MAP)
                .map(PersistentProperty::javaName).toList();
    }
}
