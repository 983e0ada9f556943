package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Slice;
import java.util.List;
import java.util.function.Function;

/** The {@link Page} and {@link Slice} implementations. */
final class Chunks {
    private Chunks() {
    }

    record SliceImpl<T>(List<T> content, Pageable pageable, boolean hasNext) implements Slice<T> {
        SliceImpl {
            content = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(content));
        }

        @Override
        public <U> Slice<U> map(Function<? super T, ? extends U> mapper) {
            return new SliceImpl<>(content.stream().<U>map(mapper).toList(), pageable, hasNext);
        }
    }

    record PageImpl<T>(List<T> content, Pageable pageable, long totalElements) implements Page<T> {
        PageImpl {
            content = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(content));
        }

        @Override
        public boolean hasNext() {
            return pageable.offset() + content.size() < totalElements;
        }

        @Override
        public <U> Page<U> map(Function<? super T, ? extends U> mapper) {
            return new PageImpl<>(content.stream().<U>map(mapper).toList(), pageable, totalElements);
        }
    }
}
