package dev.falkor.orm.spi.wire;

import java.util.List;

/**
 * Per-graph cache of label, relationship-type and property-key names, by id. While a graph
 * lives the server only appends to these lists; but after a {@code GRAPH.DELETE} by any
 * client, or a restart without persistence, the ids start again from 0 and still exist, naming
 * other things. So the cache is never trusted blindly: {@link WireCodec#decode} reports the
 * ids it lacks ({@link WireCodec.NeedsNames}) and whether it used any, and the driver then
 * fetches the server's current lists, {@link #verify verifies} that the cached ones are still
 * prefixes of them, and decodes again when they are not.
 *
 * <p>Thread-safe: readers see immutable snapshots.
 */
public final class GraphSchemaCache {
    /** For replies that hold no graph entities (procedure results): any id is an error. */
    static final SchemaNames NONE = new SchemaNames() {
        @Override
        public String label(int id) {
            throw new IllegalStateException("unexpected label in a procedure reply");
        }

        @Override
        public String relationshipType(int id) {
            throw new IllegalStateException("unexpected relationship in a procedure reply");
        }

        @Override
        public String propertyKey(int id) {
            throw new IllegalStateException("unexpected property in a procedure reply");
        }
    };

    private final String graph;
    private volatile String[][] sections = {new String[0], new String[0], new String[0]};

    public GraphSchemaCache(String graph) {
        this.graph = graph;
    }

    /** The graph these names belong to. */
    public String graph() {
        return graph;
    }

    /** A view for one decoding, recording whether names were used and whether any was missing. */
    public Lookup lookup() {
        return new Lookup(sections);
    }

    /**
     * Installs the server's current lists and tells whether every name cached before still
     * means what it meant (the cached lists are prefixes of the current ones). {@code false}
     * means the graph was re-created since the names were cached: anything decoded with them
     * must be decoded again.
     */
    public synchronized boolean verify(List<String> labels, List<String> types, List<String> keys) {
        String[][] old = sections;
        String[][] fresh = {labels.toArray(String[]::new), types.toArray(String[]::new), keys.toArray(String[]::new)};
        boolean prefix = true;
        for (int s = 0; s < 3 && prefix; s++) {
            prefix = old[s].length <= fresh[s].length;
            for (int i = 0; prefix && i < old[s].length; i++) {
                prefix = old[s][i].equals(fresh[s][i]);
            }
        }
        sections = fresh;
        return prefix;
    }

    /** Name lookups for one decoding; a miss yields a placeholder and is remembered. */
    public static final class Lookup implements SchemaNames {
        private final String[][] snapshot;
        private boolean used;
        private boolean missed;

        private Lookup(String[][] snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public String label(int id) {
            return name(0, id);
        }

        @Override
        public String relationshipType(int id) {
            return name(1, id);
        }

        @Override
        public String propertyKey(int id) {
            return name(2, id);
        }

        private String name(int section, int id) {
            used = true;
            String[] names = snapshot[section];
            if (id >= 0 && id < names.length) {
                return names[id];
            }
            missed = true;
            return "#" + id; // never seen by callers: the driver decodes again with fresh names
        }

        /** True if a label, type or key was looked up. */
        public boolean used() {
            return used;
        }

        /** True if an id was not in the cache. */
        public boolean missed() {
            return missed;
        }
    }
}
