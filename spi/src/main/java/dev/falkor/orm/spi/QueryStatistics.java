package dev.falkor.orm.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statistics lines the server appends to every reply ({@code Nodes created: 1}, ...).
 * The lines are kept as sent and parsed only when asked for, so replies nobody inspects cost
 * nothing to decode. Immutable and thread-safe.
 */
public final class QueryStatistics {
    public static final QueryStatistics EMPTY = new QueryStatistics(Map.of());

    private volatile List<String> lines;
    private final java.util.function.Supplier<List<String>> source;
    private volatile Map<String, String> values;

    /** Statistics with these values, keyed by label ({@code "Nodes created" -> "1"}). */
    public QueryStatistics(Map<String, String> values) {
        this.lines = null;
        this.source = null;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private QueryStatistics(List<String> lines, java.util.function.Supplier<List<String>> source) {
        this.lines = lines;
        this.source = source;
    }

    /** Statistics from the reply's lines ({@code "Label: value"}), parsed on first use. */
    public static QueryStatistics ofLines(List<String> lines) {
        return new QueryStatistics(List.copyOf(lines), null);
    }

    /**
     * Statistics whose lines are decoded from the reply only if someone asks (most reads never
     * do): {@code lines} is called on first use.
     */
    public static QueryStatistics ofLines(java.util.function.Supplier<List<String>> lines) {
        return new QueryStatistics(null, java.util.Objects.requireNonNull(lines, "lines"));
    }

    /** Every line, keyed by its label, value as sent. */
    public Map<String, String> values() {
        Map<String, String> v = values;
        if (v == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            List<String> all = lines;
            if (all == null) {
                all = List.copyOf(source.get());
                lines = all;
            }
            for (String s : all) {
                int colon = s.indexOf(':');
                if (colon > 0) {
                    parsed.put(s.substring(0, colon).trim(), s.substring(colon + 1).trim());
                }
            }
            v = Collections.unmodifiableMap(parsed);
            values = v;
        }
        return v;
    }

    public int nodesCreated() { return count("Nodes created"); }
    public int nodesDeleted() { return count("Nodes deleted"); }
    public int relationshipsCreated() { return count("Relationships created"); }
    public int relationshipsDeleted() { return count("Relationships deleted"); }
    public int propertiesSet() { return count("Properties set"); }
    public int propertiesRemoved() { return count("Properties removed"); }
    public int labelsAdded() { return count("Labels added"); }
    public int indicesCreated() { return count("Indices created"); }
    public int indicesDeleted() { return count("Indices deleted"); }

    /** True if the server served the query from its plan cache. */
    public boolean cachedExecution() {
        return count("Cached execution") == 1;
    }

    /** True if the query changed anything in the graph. */
    public boolean containsUpdates() {
        return nodesCreated() + nodesDeleted() + relationshipsCreated() + relationshipsDeleted()
                + propertiesSet() + propertiesRemoved() + labelsAdded() + indicesCreated()
                + indicesDeleted() > 0;
    }

    /** The server's own execution time in milliseconds, or {@code NaN} if not reported. */
    public double executionTimeMillis() {
        String v = values().get("Query internal execution time");
        if (v == null) {
            return Double.NaN;
        }
        int space = v.indexOf(' ');
        return Double.parseDouble(space < 0 ? v : v.substring(0, space));
    }

    private int count(String key) {
        String v = values().get(key);
        if (v == null) {
            return 0;
        }
        int space = v.indexOf(' ');
        return (int) Double.parseDouble(space < 0 ? v : v.substring(0, space));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryStatistics other && values().equals(other.values());
    }

    @Override
    public int hashCode() {
        return Objects.hash(values());
    }

    @Override
    public String toString() {
        return "QueryStatistics" + values();
    }
}
