package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import java.lang.ref.WeakReference;
import java.util.List;

/** A relationship value that may not be loaded yet: {@link LazyList}, {@link LazySet}, {@link LazyRef}. */
interface Lazy {
    /** True once its content is known. */
    boolean isLoaded();

    /** Sets the content (a list of elements, for a ref at most one). */
    void fill(List<Object> elements);

    /** Where the container belongs: its batch (null once loaded at creation), field, entity and stored state. */
    Slot slot();

    /** The stored state of the entity holding this container, or null. */
    default Tracking.State state() {
        return slot().state;
    }

    default void state(Tracking.State state) {
        slot().state = state;
    }

    /**
     * The batch, field and entity of a lazy container. The entity is held weakly: a batch lives
     * as long as any container of its read and must not keep the read's other entities alive.
     */
    final class Slot {
        /** A container loaded when it was made: no batch, nothing to load. */
        static Slot loaded() {
            return new Slot(null, null, null, null);
        }

        final Batch batch;
        volatile Tracking.State state;
        final EntityMetadata entity;
        final PersistentProperty field;
        final Object graphId;
        private WeakReference<Object> owner;

        Slot(Batch batch, EntityMetadata entity, PersistentProperty field, Object graphId) {
            this.batch = batch;
            this.entity = entity;
            this.field = field;
            this.graphId = graphId;
        }

        void owner(Object instance) {
            this.owner = new WeakReference<>(instance);
        }

        /** The entity holding the container, or null if collected (or not built yet). */
        Object owner() {
            WeakReference<Object> o = owner;
            return o == null ? null : o.get();
        }

        /** {@code Relationship Person.friends of Person 42}, for messages. */
        String what() {
            return entity == null ? "A relationship" : Reader.describe(entity, field, graphId);
        }
    }

    /** Loads the content now if needed (batched with the other containers of its read), or fails. */
    default void ensureLoaded() {
        if (!isLoaded()) {
            Slot slot = slot();
            if (slot.batch == null) {
                throw new dev.falkor.orm.api.LazyLoadingException("A relationship was not loaded and cannot be", null);
            }
            slot.batch.load(this);
            if (!isLoaded()) {
                throw new dev.falkor.orm.api.LazyLoadingException(slot.what() + " could not be loaded", null);
            }
        }
    }
}
