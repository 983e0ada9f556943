package dev.falkor.orm.core.internal.query;

import java.util.List;

/**
 * The condition of a derived query in disjunctive normal form: the {@link AndGroup}s are joined
 * by {@code Or}, so {@code A And B Or C} is {@code (A AND B) OR C}. Empty means no condition
 * (e.g. {@code findByOrderByNameAsc}).
 *
 * @param alternatives  the groups joined by OR, in method-name order
 * @param allIgnoreCase the name ended with {@code AllIgnoreCase}/{@code AllIgnoringCase}
 *                      (already applied to each String part's {@link Part#ignoreCase()})
 */
public record Criteria(List<AndGroup> alternatives, boolean allIgnoreCase) {

    /** No condition. */
    public static final Criteria NONE = new Criteria(List.of(), false);

    public Criteria {
        alternatives = List.copyOf(alternatives);
    }

    /** True if there is no condition. */
    public boolean isEmpty() {
        return alternatives.isEmpty();
    }

    /** All parts in method-name (and argument) order. */
    public List<Part> parts() {
        return alternatives.stream().flatMap(g -> g.parts().stream()).toList();
    }
}
