package dev.falkor.orm.core.internal.query;

import java.util.List;

/** Parts joined by {@code And}; all must hold. Never empty. */
public record AndGroup(List<Part> parts) {
    public AndGroup {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an And group needs at least one part");
        }
    }
}
