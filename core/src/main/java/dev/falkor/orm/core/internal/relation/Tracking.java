package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the mapper last knew to be stored for entity instances it read or saved: their node
 * properties and, per relationship field (by name, so a subtype's copy of an inherited field is
 * the same field), the related nodes (by graph id) with the relationship's properties. Saves
 * diff against it.
 *
 * <p>An instance's {@link State} travels in the lazy containers the mapper put in its
 * relationship fields (no lookup table, nothing to clean up: it goes when the entity goes); an
 * instance without such a container (no to-many or {@code Ref} field, or the caller replaced
 * them all) is kept in a table whose keys are held weakly and by identity (two equal records
 * are two instances). A state holds its entity and the related objects weakly, so it never keeps
 * them alive. Thread-safe.
 */
final class Tracking {

    /**
     * One related node as stored: the Java object at the other end (held weakly) and the
     * relationship's properties.
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
        private final WeakReference<Object> owner;
        private Map<String, Object> node;
        private Map<String, Map<Object, Edge>> relationships; // created on the first relationship recorded

        State(Object owner) {
            this.owner = new WeakReference<>(owner);
        }

        boolean belongsTo(Object instance) {
            return owner.get() == instance;
        }

        synchronized Map<String, Object> node() {
            return node;
        }

        synchronized void node(Map<String, Object> props) {
            this.node = props;
        }

        synchronized Map<Object, Edge> relationship(String field) {
            return relationships == null ? null : relationships.get(field);
        }

        synchronized void relationship(String field, Map<Object, Edge> edges) {
            if (relationships == null) {
                relationships = new HashMap<>(4);
            }
            relationships.put(field, edges);
        }
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
    private final Function<Class<?>, List<PersistentProperty>> relationshipFields;

    /** @param relationshipFields the relationship fields of an entity class */
    Tracking(Function<Class<?>, List<PersistentProperty>> relationshipFields) {
        this.relationshipFields = relationshipFields;
    }

    /** The state of {@code instance}, or null if nothing is known. */
    State get(Object instance) {
        for (PersistentProperty f : relationshipFields.apply(instance.getClass())) {
            if (f.accessor().get(instance) instanceof Lazy lazy) {
                State s = lazy.state();
                if (s != null && s.belongsTo(instance)) {
                    return s;
                }
            }
        }
        synchronized (this) {
            expunge();
            return states.get(new Key(instance, null));
        }
    }

    /** The state of {@code instance}, created if absent. */
    State state(Object instance) {
        State s = get(instance);
        if (s != null) {
            return s;
        }
        State created = new State(instance);
        attach(instance, created);
        return created;
    }

    /** Keeps {@code state} for {@code instance}: in its containers, or else in the table. */
    private void attach(Object instance, State state) {
        boolean carried = false;
        for (PersistentProperty f : relationshipFields.apply(instance.getClass())) {
            if (f.accessor().get(instance) instanceof Lazy lazy && (lazy.state() == null || !lazy.state().belongsTo(instance))) {
                lazy.state(state);
                carried = true;
            }
        }
        if (!carried) {
            synchronized (this) {
                expunge();
                states.put(new Key(instance, queue), state);
            }
        }
    }

    /** The stored related nodes of one field, or null if never loaded or saved. */
    Map<Object, Edge> relationship(Object instance, PersistentProperty field) {
        State s = get(instance);
        return s == null ? null : s.relationship(field.javaName());
    }

    /** Records the stored related nodes of one field. */
    void relationship(Object instance, PersistentProperty field, Map<Object, Edge> edges) {
        state(instance).relationship(field.javaName(), new LinkedHashMap<>(edges));
    }

    /** Records the stored node properties. */
    void node(Object instance, Map<String, Object> props) {
        state(instance).node(props);
    }

    /** Buffers the states of instances without containers, to keep them under one lock. */
    Recorder recorder() {
        return new Recorder();
    }

    /** The states one read built for instances the mapper's containers cannot carry; not thread-safe. */
    final class Recorder {
        private final List<Object> instances = new ArrayList<>();
        private final List<State> pending = new ArrayList<>();

        void keep(Object instance, State state) {
            instances.add(instance);
            pending.add(state);
        }

        void flush() {
            if (instances.isEmpty()) {
                return;
            }
            synchronized (Tracking.this) {
                expunge();
                for (int i = 0; i < instances.size(); i++) {
                    states.put(new Key(instances.get(i), queue), pending.get(i));
                }
            }
            instances.clear();
            pending.clear();
        }
    }

    /** Number of instances in the table (those whose state no container carries), for tests. */
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
