package dev.falkor.orm.spi.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only map over parallel arrays of distinct string keys and their values, in that order:
 * lookups scan (the maps it holds, a node's properties, are small), iteration keeps the order,
 * and it costs two arrays instead of a hash table and a node per entry. The public constructor
 * checks the keys and copies the arrays; the reply decoder hands its own arrays over.
 *
 * @param <V> the value type
 */
public final class PairMap<V> extends AbstractMap<String, V> {
    private final String[] keys;
    private final Object[] values;
    private final boolean owned;

    /**
     * A map of {@code keys} to {@code values} (copied), in that order.
     *
     * @throws IllegalArgumentException if the lengths differ or a key is null or repeated
     */
    public PairMap(String[] keys, Object[] values) {
        this(new Keys(keys), values);
    }

    /** A map of the checked {@code keys} (shared, not copied) to {@code values} (copied). */
    public PairMap(Keys keys, Object[] values) {
        this(keys.names, values.clone(), false);
    }

    /** Checked keys (distinct, non-null, copied), to build many maps with the same keys cheaply. */
    public static final class Keys {
        private final String[] names;

        /** @throws IllegalArgumentException if a key is null or repeated */
        public Keys(String... names) {
            this.names = names.clone();
            for (int i = 0; i < this.names.length; i++) {
                if (this.names[i] == null) {
                    throw new IllegalArgumentException("key #" + i + " is null");
                }
                for (int j = 0; j < i; j++) {
                    if (this.names[j].equals(this.names[i])) {
                        throw new IllegalArgumentException("key #" + i + " repeats key #" + j);
                    }
                }
            }
        }

        /** Number of keys. */
        public int size() {
            return names.length;
        }
    }

    /** Over the arrays themselves, unchecked: for decoders whose keys are distinct by construction. */
    PairMap(String[] keys, Object[] values, boolean owned) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
        this.owned = owned;
    }

    /** True if nobody else holds this map's arrays (a map value may keep it without a copy). */
    boolean owned() {
        return owned;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getOrDefault(Object key, V defaultValue) {
        int i = indexOf(key);
        return i < 0 ? defaultValue : (V) values[i];
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], (V) values[i]);
        }
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<String, V> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
