package dev.falkor.orm.api;

import java.util.Iterator;
import java.util.List;

/**
 * One window of a keyset scroll.
 *
 * @param content      the rows
 * @param hasNext      whether more rows follow
 * @param nextPosition where the next window starts (the keys of the last row)
 */
public record Window<T>(List<T> content, boolean hasNext, ScrollPosition nextPosition) implements Iterable<T> {
    public Window {
        content = List.copyOf(content);
    }

    @Override
    public Iterator<T> iterator() {
        return content.iterator();
    }
}
