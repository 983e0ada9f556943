package dev.falkor.orm.core.internal.query;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The part of a derived query name before {@code By}: the verb, {@code Distinct} and a
 * {@code First}/{@code Top} limit.
 *
 * @param kind       what the query does
 * @param distinct   {@code Distinct} appeared in the subject
 * @param maxResults the {@code First<N>}/{@code Top<N>} limit (1 without a number), or empty
 */
public record Subject(QueryKind kind, boolean distinct, OptionalInt maxResults) {

    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(maxResults, "maxResults");
        if (maxResults.isPresent() && maxResults.getAsInt() < 1) {
            throw new IllegalArgumentException("maxResults must be positive, was " + maxResults.getAsInt());
        }
    }

    /** True if the query is limited by {@code First} or {@code Top}. */
    public boolean isLimiting() {
        return maxResults.isPresent();
    }
}
