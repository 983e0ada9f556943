package dev.falkor.orm.spi.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One group of changes in a {@link WriteBatch}: nodes of one shape, or relationships of one
 * {@link EdgeShape}. Rows are maps built by the mapper, with values already in the graph's
 * value model (what {@code GraphQuery} parameters accept); writers pass them on as parameters
 * and never read or copy them.
 */
public sealed interface WriteOperation
        permits WriteOperation.CreateNodes, WriteOperation.UpsertNodes, WriteOperation.DeleteNodes,
        WriteOperation.Edges, WriteOperation.CheckVersions {

    /** The node shape the operation writes (for edges: the owning end's). */
    NodeShape node();

    /** Rows or ids it carries. */
    int size();

    /** The same operation with rows {@code from} (inclusive) to {@code to} (exclusive): a chunk of it. */
    WriteOperation slice(int from, int to);

    /**
     * Nodes that cannot exist yet (their ids were generated for this write): each row is the
     * node's properties by stored name, {@code {<id property>: id, <property>: value or null,
     * ...}} (a flat map: the server parses it a quarter faster than one nested map per row). A
     * writer creates them with the properties inline (a null one is not stored), except for an
     * {@link NodeShape#open()} shape, whose nodes it writes as {@link UpsertNodes}.
     */
    record CreateNodes(NodeShape node, List<Map<String, Object>> rows) implements WriteOperation {
        public CreateNodes {
            Objects.requireNonNull(node, "node");
            rows = List.copyOf(rows);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public CreateNodes slice(int from, int to) {
            return new CreateNodes(node, rows.subList(from, to));
        }
    }

    /**
     * Nodes created or updated by id (at most one node per id under the id label, even with
     * concurrent writers): rows as for {@link CreateNodes}. Every property a row names is set,
     * a null one removed; properties it does not name are kept.
     */
    record UpsertNodes(NodeShape node, List<Map<String, Object>> rows) implements WriteOperation {
        public UpsertNodes {
            Objects.requireNonNull(node, "node");
            rows = List.copyOf(rows);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public UpsertNodes slice(int from, int to) {
            return new UpsertNodes(node, rows.subList(from, to));
        }
    }

    /** Deletes the nodes with these ids (matched on the shape's own label) and their relationships. */
    record DeleteNodes(NodeShape node, List<Object> ids) implements WriteOperation {
        public DeleteNodes {
            Objects.requireNonNull(node, "node");
            ids = Collections.unmodifiableList(new ArrayList<>(ids)); // ids may be null-free but any type
        }

        @Override
        public int size() {
            return ids.size();
        }

        @Override
        public DeleteNodes slice(int from, int to) {
            return new DeleteNodes(node, ids.subList(from, to));
        }
    }

    /** What an {@link Edges} operation does. */
    enum EdgeChange {
        /**
         * Creates each relationship once (one per type and pair of endpoints) or updates its
         * properties: rows {@code {src, dst, props}}; a row whose endpoint does not exist is a no-op.
         */
        MERGE,
        /** Deletes the relationships between these endpoints: rows {@code {src, dst}}. */
        DELETE,
        /**
         * Deletes the relationships from {@code src} to nodes of the target's label whose id is not
         * in {@code keep}: rows {@code {src, keep: [ids]}}.
         */
        PRUNE
    }

    /** Relationship changes of one shape. */
    record Edges(EdgeChange change, EdgeShape edge, List<Map<String, Object>> rows) implements WriteOperation {
        public Edges {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(edge, "edge");
            rows = List.copyOf(rows);
        }

        @Override
        public NodeShape node() {
            return edge.from();
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public Edges slice(int from, int to) {
            return new Edges(change, edge, rows.subList(from, to));
        }
    }

    /**
     * Optimistic-locking checks: rows {@code {id, version}}, each stating the version the node
     * must have (null: the node has no version, or does not exist). The shape must have a
     * {@link NodeShape#versionProperty()}. A writer puts every check first in the batch's first
     * statement, and the checks of the nodes a later statement writes first in that statement
     * too ({@link VersionChecks}), so a statement fails as a whole (nothing of it written) when a
     * check fails: see
     * {@link WriteStatement#checksVersions()}. Setting the new version is up to the rows.
     */
    record CheckVersions(NodeShape node, List<Map<String, Object>> rows) implements WriteOperation {
        public CheckVersions {
            Objects.requireNonNull(node, "node");
            if (node.versionProperty() == null) {
                throw new IllegalArgumentException(node + " has no version property to check");
            }
            rows = List.copyOf(rows);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public CheckVersions slice(int from, int to) {
            return new CheckVersions(node, rows.subList(from, to));
        }
    }
}
