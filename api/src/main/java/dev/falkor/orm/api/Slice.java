package dev.falkor.orm.api;

import java.util.List;
import java.util.function.Function;

/**
 * A chunk of results without a total count: the query fetched {@code size + 1} rows to know
 * whether another slice follows.
 */
public interface Slice<T> extends Iterable<T> {
    List<T> content();

    /** The request that produced this slice. */
    Pageable pageable();

    boolean hasNext();

    default boolean hasPrevious() {
        return pageable().page() > 0;
    }

    default Pageable nextPageable() {
        return pageable().next();
    }

    default int numberOfElements() {
        return content().size();
    }

    /** A slice of the same shape with each element mapped. */
    <U> Slice<U> map(Function<? super T, ? extends U> mapper);

    @Override
    default java.util.Iterator<T> iterator() {
        return content().iterator();
    }
}
