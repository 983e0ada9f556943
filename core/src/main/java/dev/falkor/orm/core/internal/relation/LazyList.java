package dev.falkor.orm.core.internal.relation;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The list a lazy to-many relationship field holds: a real, mutable {@link List} that loads its
 * elements on first use (any method, {@code size()} included). Once loaded it is a plain list.
 */
final class LazyList<E> extends AbstractList<E> implements RandomAccess, Lazy {
    private volatile List<E> data;
    private final Slot slot;

    LazyList(Slot slot) {
        this.slot = slot;
    }

    @Override
    public Slot slot() {
        return slot;
    }


    /** An already loaded list. */
    static <E> LazyList<E> loaded(List<Object> elements) {
        LazyList<E> l = new LazyList<>(Slot.loaded());
        l.fill(elements);
        return l;
    }

    @Override
    public boolean isLoaded() {
        return data != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fill(List<Object> elements) {
        if (data == null) {
            data = new ArrayList<>((List<E>) elements);
        }
    }

    private List<E> data() {
        List<E> d = data;
        if (d == null) {
            ensureLoaded();
            d = data;
        }
        return d;
    }

    @Override
    public E get(int index) {
        return data().get(index);
    }

    @Override
    public int size() {
        return data().size();
    }

    @Override
    public E set(int index, E element) {
        return data().set(index, element);
    }

    @Override
    public void add(int index, E element) {
        data().add(index, element);
        modCount++;
    }

    @Override
    public E remove(int index) {
        E e = data().remove(index);
        modCount++;
        return e;
    }

    @Override
    public String toString() {
        return data == null ? "[not loaded: " + slot.what() + "]" : data.toString();
    }
}
