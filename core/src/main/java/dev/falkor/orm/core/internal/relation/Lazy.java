package dev.falkor.orm.core.internal.relation;

/** A relationship value that may not be loaded yet: {@link LazyList}, {@link LazySet}, {@link LazyRef}. */
interface Lazy {
    /** True once its content is known. */
    boolean isLoaded();

    /** Loads a lazy relationship (and, batched, those of the other entities read with it). */
    interface Loader {
        void load(Lazy lazy);
    }

    /** Sets the content (a list of elements, for a ref at most one). */
    void fill(java.util.List<Object> elements);

    /** Loads the content now if needed, or fails naming entity and field. */
    default void ensureLoaded(Loader loader, String what) {
        if (!isLoaded()) {
            if (loader == null) {
                throw new dev.falkor.orm.api.LazyLoadingException(what + " was not loaded and cannot be", null);
            }
            loader.load(this);
            if (!isLoaded()) {
                throw new dev.falkor.orm.api.LazyLoadingException(what + " could not be loaded", null);
            }
        }
    }
}
