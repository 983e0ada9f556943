package dev.falkor.orm.spi.wire;

import java.util.List;
import java.util.function.Function;

/**
 * Per-graph cache of label, relationship-type and property-key names. While a graph lives the
 * server only appends to these lists, so a miss means "new since the last read": the list is
 * reloaded ({@code CALL db.labels()} and friends) and looked up again.
 *
 * <p>A miss cannot reveal that the graph was deleted and re-created (by another client, or by
 * a server restart without persistence): the ids then start again from 0 and still exist, but
 * name other things. {@link #verify} compares the cached names with the server's current lists
 * and reports whether they still hold; {@link WireTransport} calls it after every reply that
 * carried nodes or relationships and re-decodes the reply when they did not.
 *
 * <p>Thread-safe: reads are lock-free on an immutable snapshot; reloads of one list are
 * serialized so concurrent misses trigger one round trip, not many.
 */
public final class GraphSchemaCache implements SchemaNames {

    /** Runs a procedure such as {@code db.labels()} and returns its single string column. */
    @FunctionalInterface
    public interface Loader extends Function<String, List<String>> {
    }

    private final String graph;
    private final Section labels;
    private final Section types;
    private final Section keys;

    public GraphSchemaCache(String graph, Loader loader) {
        this.graph = graph;
        this.labels = new Section("label", "db.labels()", loader);
        this.types = new Section("relationship type", "db.relationshipTypes()", loader);
        this.keys = new Section("property key", "db.propertyKeys()", loader);
    }

    @Override
    public String label(int id) {
        return labels.name(id, graph);
    }

    @Override
    public String relationshipType(int id) {
        return types.name(id, graph);
    }

    @Override
    public String propertyKey(int id) {
        return keys.name(id, graph);
    }

    /**
     * Installs the server's current lists and tells whether every name cached before still
     * means what it meant (the cached lists are prefixes of the current ones). {@code false}
     * means the graph was re-created since the names were cached: anything decoded with them
     * must be decoded again.
     */
    public boolean verify(List<String> currentLabels, List<String> currentTypes, List<String> currentKeys) {
        boolean l = labels.replace(currentLabels);
        boolean t = types.replace(currentTypes);
        boolean k = keys.replace(currentKeys);
        return l && t && k;
    }

    private static final class Section {
        private final String kind;
        private final String procedure;
        private final Loader loader;
        private volatile String[] names = new String[0];

        Section(String kind, String procedure, Loader loader) {
            this.kind = kind;
            this.procedure = procedure;
            this.loader = loader;
        }

        String name(int id, String graph) {
            String[] snapshot = names;
            if (id >= 0 && id < snapshot.length) {
                return snapshot[id];
            }
            synchronized (this) {
                snapshot = names;
                if (id < 0 || id >= snapshot.length) {
                    snapshot = loader.apply(procedure).toArray(String[]::new);
                    names = snapshot;
                }
            }
            if (id < 0 || id >= snapshot.length) {
                throw new IllegalStateException("Graph '" + graph + "' has no " + kind + " with id " + id
                        + " even after reloading " + procedure + " (" + snapshot.length + " known)");
            }
            return snapshot[id];
        }

        /** Replaces the names; true if the old ones are a prefix of the new ones. */
        synchronized boolean replace(List<String> current) {
            String[] old = names;
            boolean prefix = old.length <= current.size();
            for (int i = 0; prefix && i < old.length; i++) {
                prefix = old[i].equals(current.get(i));
            }
            names = current.toArray(String[]::new);
            return prefix;
        }
    }
}
