package dev.falkor.orm.api;

import java.util.function.Function;

/** A {@link Slice} that also knows the total number of matching rows (from a count query). */
public interface Page<T> extends Slice<T> {
    long totalElements();

    default int totalPages() {
        int size = pageable().size();
        return (int) ((totalElements() + size - 1) / size);
    }

    @Override
    <U> Page<U> map(Function<? super T, ? extends U> mapper);
}
