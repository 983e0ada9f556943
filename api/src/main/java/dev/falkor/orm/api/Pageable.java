package dev.falkor.orm.api;

import java.util.Objects;

/**
 * A page request: zero-based page number, page size and sort. SKIP and LIMIT derived from it
 * travel as query parameters.
 *
 * @param page zero-based page number
 * @param size rows per page, at least 1
 * @param sort ordering; a stable order makes pages consistent
 */
public record Pageable(int page, int size, Sort sort) {
    public Pageable {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative, was " + page);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        Objects.requireNonNull(sort, "sort");
    }

    public static Pageable of(int page, int size) {
        return new Pageable(page, size, Sort.unsorted());
    }

    public static Pageable of(int page, int size, Sort sort) {
        return new Pageable(page, size, sort);
    }

    /** Rows to skip: {@code page * size}. */
    public long offset() {
        return (long) page * size;
    }

    public Pageable next() {
        return new Pageable(page + 1, size, sort);
    }

    public Pageable previousOrFirst() {
        return page == 0 ? this : new Pageable(page - 1, size, sort);
    }

    public Pageable withSort(Sort newSort) {
        return new Pageable(page, size, newSort);
    }
}
