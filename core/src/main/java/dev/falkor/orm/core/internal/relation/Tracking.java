package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the mapper last knew to be stored for entity instances it read or saved: their node
 * properties and, per relationship field, the related nodes (by graph id) with the
 * relationship's properties (by field name, so a subtype's copy of an inherited field is the
 * same field). Saves diff against it. Keys are held weakly and by identity
 * (two equal records are two instances), so an instance the application drops is forgotten.
 * Thread-safe.
 */
final class Tracking {

    /**
     * One related node as stored: the Java object at the other end (held weakly: the record of
     * what is stored must never keep an entity alive, or the weak keys would never clear) and
     * the relationship's properties.
     */
    static final class Edge {
        private final WeakReference<Object> target;
        private final Map<String, Object> props;

        Edge(Object target, Map<String, Object> props) {
            this.target = new WeakReference<>(target);
            this.props = props;
        }

        /** The related object, or null if the application no longer holds it. */
        Object target() {
            return target.get();
        }

        Map<String, Object> props() {
            return props;
        }
    }

    /** The known state of one instance. */
    static final class State {
        Map<String, Object> node;
        final Map<String, Map<Object, Edge>> relationships = new HashMap<>();
    }

    private static final class Key extends WeakReference<Object> {
        final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key k) || k.hash != hash) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == k.get();
        }
    }

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Map<Key, State> states = new HashMap<>();

    /** The state of {@code instance}, or null if nothing is known. */
    synchronized State get(Object instance) {
        expunge();
        return states.get(new Key(instance, null));
    }

    /** The state of {@code instance}, created if absent. */
    synchronized State state(Object instance) {
        expunge();
        return states.computeIfAbsent(new Key(instance, queue), k -> new State());
    }

    /** The stored related nodes of one field, or null if never loaded or saved. */
    synchronized Map<Object, Edge> relationship(Object instance, PersistentProperty field) {
        State s = get(instance);
        return s == null ? null : s.relationships.get(field.javaName());
    }

    /** Records the stored related nodes of one field. */
    synchronized void relationship(Object instance, PersistentProperty field, Map<Object, Edge> edges) {
        state(instance).relationships.put(field.javaName(), new LinkedHashMap<>(edges));
    }

    /** Records the stored node properties. */
    synchronized void node(Object instance, Map<String, Object> props) {
        state(instance).node = props;
    }

    /** Buffers what one read learned, to record it under one lock ({@link Recorder#flush}). */
    Recorder recorder() {
        return new Recorder();
    }

    /** What one read or load learned about the instances it built; not thread-safe. */
    final class Recorder {
        private final List<Object> instances = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();
        private final List<PersistentProperty> fields = new ArrayList<>();

        /** The stored node properties of {@code instance}. */
        void node(Object instance, Map<String, Object> props) {
            instances.add(instance);
            values.add(props);
            fields.add(null);
        }

        /** The stored related nodes of one field. */
        void relationship(Object instance, PersistentProperty field, Map<Object, Edge> edges) {
            instances.add(instance);
            values.add(edges);
            fields.add(field);
        }

        @SuppressWarnings("unchecked")
        void flush() {
            if (instances.isEmpty()) {
                return;
            }
            synchronized (Tracking.this) {
                expunge();
                for (int i = 0; i < instances.size(); i++) {
                    State s = states.computeIfAbsent(new Key(instances.get(i), queue), k -> new State());
                    PersistentProperty f = fields.get(i);
                    if (f == null) {
                        s.node = (Map<String, Object>) values.get(i);
                    } else {
                        s.relationships.put(f.javaName(), (Map<Object, Edge>) values.get(i));
                    }
                }
            }
            instances.clear();
            values.clear();
            fields.clear();
        }
    }

    /** Number of instances tracked (for tests). */
    synchronized int size() {
        expunge();
        return states.size();
    }

    private void expunge() {
        for (Object k; (k = queue.poll()) != null; ) {
            states.remove(k);
        }
    }
}
