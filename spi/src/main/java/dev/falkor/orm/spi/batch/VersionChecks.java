package dev.falkor.orm.spi.batch;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version checks of a batch, for its statements: the first statement checks them all (so a
 * stale node found at the start fails the batch with nothing written), and every later statement
 * checks again the nodes it writes ({@link #of}), or a writer committing between two statements
 * of the batch would be overwritten unseen.
 *
 * <p>API for batch-writer providers. Not thread-safe: one per {@link BatchWriter#statements} call.
 */
public final class VersionChecks {
    private Map<NodeShape, Map<Object, Map<String, Object>>> byShape = Map.of(); // most batches check nothing

    /** The checks of {@code batch}, by shape and id. */
    public VersionChecks(WriteBatch batch) {
        for (WriteOperation op : batch.operations()) {
            if (op instanceof WriteOperation.CheckVersions c && c.size() > 0) {
                if (byShape.isEmpty()) {
                    byShape = new IdentityHashMap<>();
                }
                Map<Object, Map<String, Object>> rows = byShape.computeIfAbsent(c.node(), k -> new LinkedHashMap<>());
                for (Map<String, Object> row : c.rows()) {
                    rows.put(row.get("id"), row);
                }
            }
        }
    }

    /** True if there is nothing to check. */
    public boolean isEmpty() {
        return byShape.isEmpty();
    }

    /** The checks of the nodes {@code op} writes (empty if none), for a statement after the first. */
    public List<WriteOperation.CheckVersions> of(WriteOperation op) {
        if (byShape.isEmpty() || op instanceof WriteOperation.Edges || op instanceof WriteOperation.CheckVersions) {
            return List.of();
        }
        Map<Object, Map<String, Object>> rows = byShape.get(op.node());
        if (rows == null || rows.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> taken = new ArrayList<>();
        if (op instanceof WriteOperation.DeleteNodes d) {
            for (Object id : d.ids()) {
                Map<String, Object> r = rows.get(id);
                if (r != null) {
                    taken.add(r);
                }
            }
        } else {
            List<Map<String, Object>> written = op instanceof WriteOperation.CreateNodes c ? c.rows()
                    : ((WriteOperation.UpsertNodes) op).rows();
            String idProperty = op.node().idProperty();
            for (Map<String, Object> row : written) {
                Map<String, Object> r = rows.get(row.get(idProperty));
                if (r != null) {
                    taken.add(r);
                }
            }
        }
        return taken.isEmpty() ? List.of() : List.of(new WriteOperation.CheckVersions(op.node(), taken));
    }

}
