package dev.falkor.orm.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statistics lines the server appends to every reply ({@code Nodes created: 1}, ...).
 *
 * @param values every line, keyed by its label, value as sent
 */
public record QueryStatistics(Map<String, String> values) {
    public QueryStatistics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static final QueryStatistics EMPTY = new QueryStatistics(Map.of());

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
        String v = values.get("Query internal execution time");
        if (v == null) {
            return Double.NaN;
        }
        int space = v.indexOf(' ');
        return Double.parseDouble(space < 0 ? v : v.substring(0, space));
    }

    private int count(String key) {
        String v = values.get(key);
        if (v == null) {
            return 0;
        }
        int space = v.indexOf(' ');
        return (int) Double.parseDouble(space < 0 ? v : v.substring(0, space));
    }
}
