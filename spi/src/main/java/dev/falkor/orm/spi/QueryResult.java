package dev.falkor.orm.spi;

import dev.falkor.orm.spi.value.GraphValue;
import java.util.List;

/**
 * The decoded reply of one query: column names, rows of values, statistics.
 */
public record QueryResult(List<String> columns, List<List<GraphValue>> rows,
                          QueryStatistics statistics) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Position of {@code column}, or an exception naming the columns that exist. */
    public int indexOf(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("No column '" + column + "' in " + columns);
        }
        return i;
    }

    /** The single value of a one-row, one-column result. */
    public GraphValue scalar() {
        if (rows.size() != 1 || columns.size() != 1) {
            throw new IllegalStateException("Expected one row with one column, got "
                    + rows.size() + " rows of " + columns);
        }
        return rows.get(0).get(0);
    }

    /** True when there are no rows. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
