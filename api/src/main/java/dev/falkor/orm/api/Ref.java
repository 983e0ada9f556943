package dev.falkor.orm.api;

import java.util.Optional;

/**
 * A to-one relationship that may not be loaded yet. A field {@code Ref<Company> employer}
 * mapped with {@code @Relationship} is lazy: reading an entity gives a {@code Ref} that loads
 * the company on the first {@link #get()}, in one query for all entities read together.
 *
 * <pre>{@code
 * person.employer = Ref.to(acme);   // points the relationship at acme on the next save
 * person.employer = Ref.empty();    // removes it on the next save
 * person.employer = null;           // also removes it, if it was loaded (a field never loaded is left alone)
 * }</pre>
 *
 * @param <T> the target entity type
 */
public interface Ref<T> {

    /**
     * The target, loading it first if needed; {@code null} if there is none.
     *
     * @throws LazyLoadingException if it must be loaded and its mapper is closed or the load fails
     */
    T get();

    /** The target, loading it first if needed. */
    default Optional<T> optional() {
        return Optional.ofNullable(get());
    }

    /** True if the target is known without a query (given by the caller, or loaded). */
    boolean isLoaded();

    /** A reference to {@code target} ({@code null} for none). */
    static <T> Ref<T> to(T target) {
        return new Refs.Fixed<>(target);
    }

    /** A reference to nothing: saving it removes the relationship. */
    static <T> Ref<T> empty() {
        return new Refs.Fixed<>(null);
    }
}
