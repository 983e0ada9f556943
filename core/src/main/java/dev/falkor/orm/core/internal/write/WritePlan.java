package dev.falkor.orm.core.internal.write;

import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a write changes, as data: node upserts and deletes per entity type, relationship merges
 * and deletes per type, and the guards the statement must pass (the unique constraints that
 * must be operational). Built by the mapper
 * (save, delete; sessions and relationships later) and rendered to Cypher by a
 * {@link StatementComposer}; nothing here is sent until a runner runs the composed steps.
 */
public final class WritePlan {

    /** One change. */
    public sealed interface Part permits UpsertNodes, CreateNodes, DeleteNodes, Edges {
        /** The entity whose constraints guard this part (for edges: the source's). */
        EntityMetadata entity();

        /** Number of rows or ids the part carries. */
        int size();
    }

    /**
     * Creates or updates nodes by id: each row is {@code {id: <graph id>, props: {<mapped name>:
     * value or null, ...}}}; a null removes the property, unmapped properties are kept.
     */
    public record UpsertNodes(EntityMetadata entity, List<Map<String, Object>> rows) implements Part {
        public UpsertNodes {
            Objects.requireNonNull(entity, "entity");
            rows = List.copyOf(rows);
        }

        @Override
        public int size() {
            return rows.size();
        }
    }

    /**
     * Creates nodes that cannot exist yet (their ids were generated for this write): rows as for
     * {@link UpsertNodes}. Rendered as a {@code CREATE} with the properties inline, which costs
     * the same on a graph of any size, where a {@code MERGE ... SET} on a node the statement just
     * created costs time proportional to the graph's size (FalkorDB 4.x).
     */
    public record CreateNodes(EntityMetadata entity, List<Map<String, Object>> rows) implements Part {
        public CreateNodes {
            Objects.requireNonNull(entity, "entity");
            rows = List.copyOf(rows);
        }

        @Override
        public int size() {
            return rows.size();
        }
    }

    /** Deletes the nodes with these graph ids (and their relationships). */
    public record DeleteNodes(EntityMetadata entity, List<Object> ids) implements Part {
        public DeleteNodes {
            Objects.requireNonNull(entity, "entity");
            ids = Collections.unmodifiableList(new ArrayList<>(ids));
        }

        @Override
        public int size() {
            return ids.size();
        }
    }

    /** What an {@link Edges} part does to its relationships. */
    public enum EdgeChange {
        /** Create each relationship once (MERGE) or update its properties: rows {@code {src, dst, props}}. */
        MERGE,
        /** Delete the relationships between these endpoints: rows {@code {src, dst}}. */
        DELETE,
        /**
         * Delete the relationships from {@code src} to nodes of the target label other than
         * those in {@code keep}: rows {@code {src, keep: [ids]}} (saving a relationship field the
         * mapper never loaded for that instance: the field's value is the whole truth).
         */
        PRUNE
    }

    /**
     * Relationships of {@code type} between {@code from} nodes ({@code src} in each row, the
     * entity whose field maps them) and {@code to} nodes ({@code dst}), in {@code direction}
     * seen from {@code from}; endpoints are found by id, and a row whose endpoint does not exist
     * is a no-op. With {@code withProperties}, a merge sets {@code row.props} on the relationship
     * (a null removes that property). {@code type} is a validated identifier.
     */
    public record Edges(EdgeChange change, String type, Relationship.Direction direction, EntityMetadata from,
                        EntityMetadata to, boolean withProperties, List<Map<String, Object>> rows) implements Part {
        public Edges {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            rows = List.copyOf(rows);
        }

        /** A merge of outgoing relationships with properties. */
        public static Edges merge(String type, EntityMetadata from, EntityMetadata to, List<Map<String, Object>> rows) {
            return new Edges(EdgeChange.MERGE, type, Relationship.Direction.OUTGOING, from, to, true, rows);
        }

        /** A delete of outgoing relationships. */
        public static Edges delete(String type, EntityMetadata from, EntityMetadata to, List<Map<String, Object>> rows) {
            return new Edges(EdgeChange.DELETE, type, Relationship.Direction.OUTGOING, from, to, false, rows);
        }

        /** The same part with other rows. */
        public Edges withRows(List<Map<String, Object>> rows) {
            return new Edges(change, type, direction, from, to, withProperties, rows);
        }

        @Override
        public EntityMetadata entity() {
            return from;
        }

        @Override
        public int size() {
            return rows.size();
        }
    }

    private final List<Part> parts;

    private WritePlan(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public static WritePlan of(Part... parts) {
        return new WritePlan(List.of(parts));
    }

    public static WritePlan of(List<? extends Part> parts) {
        return new WritePlan(new ArrayList<>(parts));
    }

    public List<Part> parts() {
        return parts;
    }

    /** This plan followed by {@code more}'s parts. */
    public WritePlan and(WritePlan more) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(more.parts);
        return new WritePlan(all);
    }

    /** Rows and ids over all parts. */
    public int size() {
        int n = 0;
        for (Part p : parts) {
            n += p.size();
        }
        return n;
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
