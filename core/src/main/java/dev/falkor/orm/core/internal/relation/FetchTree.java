package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FetchPlan} resolved against an entity: which relationship fields of the entity are
 * loaded with it, and for each the tree of its target. Fields declared {@code fetch = EAGER}
 * are always part of it, followed into the targets; a field already on the path from the root
 * is not followed again, so cycles of eager fields end.
 */
public final class FetchTree {
    /** One fetched relationship field and what is fetched of its targets. */
    public record Branch(PersistentProperty field, FetchTree sub) {
    }

    private static final FetchTree EMPTY = new FetchTree(null, List.of());

    private final EntityMetadata entity;
    private final List<Branch> branches;

    private FetchTree(EntityMetadata entity, List<Branch> branches) {
        this.entity = entity;
        this.branches = List.copyOf(branches);
    }

    public List<Branch> branches() {
        return branches;
    }

    public boolean isEmpty() {
        return branches.isEmpty();
    }

    /** The branch for {@code field}, or null. */
    public Branch branch(PersistentProperty field) {
        for (Branch b : branches) {
            if (b.field() == field) {
                return b;
            }
        }
        return null;
    }

    /** The tree for {@code entity} under {@code plan} (null: the eager defaults). */
    public static FetchTree of(EntityMetadata entity, FetchPlan plan) {
        if (entity.relationships().isEmpty()) {
            return EMPTY;
        }
        Node root = new Node(entity);
        if (plan != null) {
            for (String path : plan.paths()) {
                Node at = root;
                List<String> walked = new ArrayList<>();
                for (String name : path.split("\\.")) {
                    EntityMetadata owner = at.entity;
                    PersistentProperty f = owner.relationship(name).orElse(null);
                    if (f == null) {
                        throw new IllegalArgumentException("Fetch path '" + path + "': " + owner.type().getName()
                                + (walked.isEmpty() ? "" : " (reached through '" + String.join(".", walked) + "')")
                                + " has no relationship field '" + name + "'; its relationship fields: "
                                + owner.relationships().stream().map(PersistentProperty::javaName).toList());
                    }
                    walked.add(name);
                    at = at.child(f);
                }
            }
            if (plan.depth() > 0) {
                all(root, plan.depth(), null);
            }
        }
        eager(root, new ArrayList<>());
        return root.freeze();
    }

    /** This tree without the branches of the root's fields named {@code fields}. */
    public FetchTree without(java.util.Set<String> fields) {
        if (fields.isEmpty()) {
            return this;
        }
        List<Branch> kept = branches.stream().filter(b -> !fields.contains(b.field().javaName())).toList();
        return kept.size() == branches.size() ? this : new FetchTree(entity, kept);
    }

    /** Nothing fetched: every relationship lazy. */
    public static FetchTree none() {
        return EMPTY;
    }

    /** The tree loading one relationship field of its owner, with the eager defaults of its targets. */
    static FetchTree single(PersistentProperty field) {
        return new FetchTree(field.relationship().owner(),
                List.of(new Branch(field, defaults(field.relationship().target()))));
    }

    /** The eager defaults of the targets of a lazily loaded field. */
    static FetchTree defaults(EntityMetadata entity) {
        return of(entity, null);
    }

    /**
     * Every relationship {@code depth} levels deep, except straight back: the inverse of the
     * field just followed would read the node it came from again.
     */
    private static void all(Node node, int depth, PersistentProperty via) {
        if (depth == 0) {
            return;
        }
        for (PersistentProperty f : node.entity.relationships()) {
            if (via != null && via.relationship().inverse() != null
                    && via.relationship().inverse().javaName().equals(f.javaName())
                    && via.relationship().inverse().owner().isAssignableFrom(node.entity.type())) {
                continue;
            }
            all(node.child(f), depth - 1, f);
        }
    }

    private static void eager(Node node, List<PersistentProperty> path) {
        for (PersistentProperty f : node.entity.relationships()) {
            if (f.relationship().isEager() && !path.contains(f)) {
                node.child(f);
            }
        }
        for (Map.Entry<PersistentProperty, Node> e : node.children.entrySet()) {
            if (!path.contains(e.getKey())) {
                path.add(e.getKey());
                eager(e.getValue(), path);
                path.remove(path.size() - 1);
            }
        }
    }

    /** A tree being built. */
    private static final class Node {
        final EntityMetadata entity;
        final Map<PersistentProperty, Node> children = new LinkedHashMap<>();

        Node(EntityMetadata entity) {
            this.entity = entity;
        }

        Node child(PersistentProperty f) {
            return children.computeIfAbsent(f, k -> new Node(k.relationship().target()));
        }

        FetchTree freeze() {
            if (children.isEmpty()) {
                return new FetchTree(entity, List.of());
            }
            List<Branch> out = new ArrayList<>();
            children.forEach((f, n) -> out.add(new Branch(f, n.freeze())));
            return new FetchTree(entity, out);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Branch b : branches) {
            sb.append(sb.length() > 1 ? ", " : "").append(b.field().javaName());
            if (!b.sub().isEmpty()) {
                sb.append(b.sub());
            }
        }
        return sb.append('}').toString();
    }
}
