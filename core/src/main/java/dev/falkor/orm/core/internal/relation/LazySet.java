package dev.falkor.orm.core.internal.relation;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The set a lazy to-many relationship field declared as {@code Set} holds: a real, mutable
 * {@link Set} (insertion-ordered) that loads its elements on first use.
 */
final class LazySet<E> extends AbstractSet<E> implements Lazy {
    private volatile Set<E> data;
    private final Slot slot;

    LazySet(Slot slot) {
        this.slot = slot;
    }

    @Override
    public Slot slot() {
        return slot;
    }


    static <E> LazySet<E> loaded(List<Object> elements) {
        LazySet<E> s = new LazySet<>(Slot.loaded());
        s.fill(elements);
        return s;
    }

    @Override
    public boolean isLoaded() {
        return data != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fill(List<Object> elements) {
        if (data == null) {
            data = new LinkedHashSet<>((List<E>) elements);
        }
    }

    private Set<E> data() {
        Set<E> d = data;
        if (d == null) {
            ensureLoaded();
            d = data;
        }
        return d;
    }

    @Override
    public Iterator<E> iterator() {
        return data().iterator();
    }

    @Override
    public int size() {
        return data().size();
    }

    @Override
    public boolean add(E e) {
        return data().add(e);
    }

    @Override
    public boolean remove(Object o) {
        return data().remove(o);
    }

    @Override
    public boolean contains(Object o) {
        return data().contains(o);
    }

    @Override
    public String toString() {
        return data == null ? "[not loaded: " + slot.what() + "]" : data.toString();
    }
}
