package dev.falkor.orm.spi.wire;

import java.util.List;

/**
 * Per-graph cache of label, relationship-type and property-key names, by id. While a graph
 * lives the server only appends to these lists; but after a {@code GRAPH.DELETE} by any
 * client, or a restart without persistence, the ids start again from 0 and still exist, naming
 * other things. So the cache is never trusted blindly: {@link WireCodec#decode} reports the
 * ids it lacks ({@link WireCodec.NeedsNames}) and whether it used any, and the driver then
 * fetches the server's current lists, {@link #install installs} them (checking that the cached
 * ones are still prefixes of them) and decodes again when they are not.
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

    private static final int MAX_REMEMBERED = 1024;

    private final String graph;
    private volatile String[][] sections = {new String[0], new String[0], new String[0]};
    /** Statements whose replies held nodes or relationships: their name check can travel with them. */
    private final java.util.Set<String> returnsEntities = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public GraphSchemaCache(String graph) {
        this.graph = graph;
    }

    /** The graph these names belong to. */
    public String graph() {
        return graph;
    }

    /** True if {@code cypher}'s replies on this graph held nodes or relationships before. */
    public boolean returnsEntities(String cypher) {
        return returnsEntities.contains(cypher);
    }

    /** Remembers that {@code cypher} returns nodes or relationships (bounded: forgetting costs a round trip). */
    public void rememberReturnsEntities(String cypher) {
        if (returnsEntities.size() >= MAX_REMEMBERED) {
            returnsEntities.clear();
        }
        returnsEntities.add(cypher);
    }

    /** A view for one decoding, recording whether names were used and whether any was missing. */
    public Lookup lookup() {
        return new Lookup(sections);
    }

    /**
     * The names fetched after a reply, merged into the cache, and a snapshot to decode that
     * reply with. Several threads install concurrently and their fetches may finish in any
     * order, so the cache only moves forward: lists that are a prefix of the cached ones (an
     * older fetch of the same graph) leave it as it is; lists that contradict it (the graph was
     * re-created) replace it and report {@code held() == false}. The snapshot covers every id the
     * reply can hold, whatever other threads install meanwhile.
     */
    public synchronized Snapshot install(List<String> labels, List<String> types, List<String> keys) {
        String[][] old = sections;
        String[][] fresh = {labels.toArray(String[]::new), types.toArray(String[]::new), keys.toArray(String[]::new)};
        boolean oldIsPrefix = true;
        boolean freshIsPrefix = true;
        for (int s = 0; s < 3; s++) {
            oldIsPrefix &= isPrefix(old[s], fresh[s]);
            freshIsPrefix &= isPrefix(fresh[s], old[s]);
        }
        if (oldIsPrefix) {
            sections = fresh;
            return new Snapshot(fresh, true);
        }
        if (freshIsPrefix) {
            return new Snapshot(old, true); // an older fetch of the same graph: the cache already knows more
        }
        sections = fresh;
        return new Snapshot(fresh, false);
    }

    private static boolean isPrefix(String[] shorter, String[] longer) {
        if (shorter.length > longer.length) {
            return false;
        }
        for (int i = 0; i < shorter.length; i++) {
            if (!shorter[i].equals(longer[i])) {
                return false;
            }
        }
        return true;
    }

    /** Names to decode one reply with; {@code held} is false if they contradict what was cached. */
    public static final class Snapshot {
        private final String[][] sections;
        private final boolean held;

        private Snapshot(String[][] sections, boolean held) {
            this.sections = sections;
            this.held = held;
        }

        public boolean held() {
            return held;
        }

        /** A lookup over exactly these names. */
        public Lookup lookup() {
            return new Lookup(sections);
        }
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
