package dev.falkor.orm.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a keyset scroll continues: the sort-key values of the last row seen. Deep pages stay
 * fast because the next query filters on those values ({@code WHERE (a, id) > (...)}) instead
 * of skipping rows.
 *
 * @param keys sort property (Java name) to the value of the last row; empty for the start
 */
public record ScrollPosition(Map<String, Object> keys) {
    public ScrollPosition {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    private static final ScrollPosition INITIAL = new ScrollPosition(Map.of());

    /** The beginning. */
    public static ScrollPosition initial() {
        return INITIAL;
    }

    public boolean isInitial() {
        return keys.isEmpty();
    }
}
