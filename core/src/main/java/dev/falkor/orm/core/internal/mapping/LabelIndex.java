package dev.falkor.orm.core.internal.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which entity type a stored node is read as: for a queried type, its mapped subtypes, most
 * specific first. Built once when the mapper is built, from the entity types declared on the
 * builder and the subtypes their {@code sealed} declarations permit, and never changed
 * afterwards: a node reads as the same type whatever repositories were created, in whatever
 * order.
 */
public final class LabelIndex {
    private final List<EntityMetadata> known;
    private final Map<Class<?>, List<EntityMetadata>> subtypes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ReadShape> shapes = new ConcurrentHashMap<>();

    private LabelIndex(List<EntityMetadata> known) {
        this.known = List.copyOf(known);
    }

    /** The index of {@code declared} entity types and everything they seal in. */
    public static LabelIndex of(Collection<Class<?>> declared, MappingContext mapping) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(declared);
        while (!todo.isEmpty()) {
            Class<?> t = todo.pop();
            if (!all.add(t)) {
                continue;
            }
            if (t.isSealed()) {
                for (Class<?> permitted : t.getPermittedSubclasses()) {
                    if (MappingContext.isEntity(permitted)) {
                        todo.push(permitted);
                    }
                }
            }
        }
        List<EntityMetadata> known = new ArrayList<>();
        for (Class<?> t : all) {
            known.add(mapping.entity(t));
        }
        return new LabelIndex(known);
    }

    /**
     * The type to read a node with {@code labels} as, when {@code queried} was asked for: the
     * known subtype with the most labels that the node carries (and whose doubles
     * {@link #shape} reads exactly), else {@code queried} itself.
     */
    public EntityMetadata concreteType(EntityMetadata queried, List<String> labels) {
        if (labels == null || labels.size() <= queried.labels().size()) {
            return queried;
        }
        for (EntityMetadata candidate : subtypes.computeIfAbsent(queried.type(), t -> subtypesOf(queried))) {
            if (labels.containsAll(candidate.labels())) {
                return candidate;
            }
        }
        return queried;
    }

    /** How to read {@code queried}: with the exact doubles of the subtypes its nodes may turn out to be. */
    public ReadShape shape(EntityMetadata queried) {
        return shapes.computeIfAbsent(queried.type(), t -> ReadShape.of(queried, candidates(queried)));
    }

    private List<EntityMetadata> candidates(EntityMetadata queried) {
        List<EntityMetadata> out = new ArrayList<>();
        if (!queried.mayHaveSubtypes()) {
            return out;
        }
        for (EntityMetadata m : known) {
            if (m.type() != queried.type() && queried.type().isAssignableFrom(m.type())) {
                out.add(m);
            }
        }
        return out;
    }

    private List<EntityMetadata> subtypesOf(EntityMetadata queried) {
        ReadShape shape = shape(queried);
        List<EntityMetadata> out = new ArrayList<>();
        for (EntityMetadata m : candidates(queried)) {
            if (shape.covers(m)) {
                out.add(m);
            }
        }
        // most labels first; ties broken by name so the choice never depends on declaration order
        out.sort(Comparator.comparingInt((EntityMetadata m) -> -m.labels().size())
                .thenComparing(m -> m.type().getName()));
        return List.copyOf(out);
    }
}
