package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.api.Ref;
import java.util.List;

/** The {@link Ref} a lazy to-one relationship field holds: loads its target on the first {@link #get()}. */
final class LazyRef<T> implements Ref<T>, Lazy {
    private volatile boolean loaded;
    private volatile T target;
    private final Slot slot;

    LazyRef(Slot slot) {
        this.slot = slot;
    }

    @Override
    public Slot slot() {
        return slot;
    }


    static <T> LazyRef<T> loaded(List<Object> elements) {
        LazyRef<T> r = new LazyRef<>(Slot.loaded());
        r.fill(elements);
        return r;
    }

    @Override
    public boolean isLoaded() {
        return loaded;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fill(List<Object> elements) {
        if (!loaded) {
            target = elements.isEmpty() ? null : (T) elements.get(0);
            loaded = true;
        }
    }

    @Override
    public T get() {
        if (!loaded) {
            ensureLoaded();
        }
        return target;
    }

    @Override
    public String toString() {
        return loaded ? "Ref(" + target + ")" : "Ref(not loaded: " + slot.what() + ")";
    }
}
