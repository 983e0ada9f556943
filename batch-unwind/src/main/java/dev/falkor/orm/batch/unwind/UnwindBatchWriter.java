package dev.falkor.orm.batch.unwind;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.StatementBuilder;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.batch.WriteStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch as grouped {@code UNWIND} statements: each operation is one {@code UNWIND}
 * over its rows, and statements are filled up to {@code chunkSize} rows (version checks
 * included) in the batch's order, cutting an operation where a statement is full. A batch of at
 * most {@code chunkSize} rows is therefore one statement, which the server applies atomically;
 * a larger one is several, applied one after another, with the version checks in the first.
 */
public final class UnwindBatchWriter implements BatchWriter {
    private final int chunkSize;

    /** A writer of statements with at most {@code chunkSize} rows each. */
    public UnwindBatchWriter(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    @Override
    public List<WriteStatement> statements(WriteBatch batch) {
        List<WriteStatement> out = new ArrayList<>();
        if (batch.isEmpty()) {
            return out;
        }
        List<WriteOperation.CheckVersions> checks = batch.checks();
        StatementBuilder current = new StatementBuilder(batch.guarded()).checks(checks);
        int used = 0;
        for (WriteOperation.CheckVersions c : checks) {
            used += c.size();
        }
        boolean pending = used > 0;
        for (WriteOperation op : batch.operations()) {
            if (op instanceof WriteOperation.CheckVersions) {
                continue;
            }
            int from = 0;
            while (from < op.size()) {
                if (used >= chunkSize) {
                    out.add(current.build());
                    current = new StatementBuilder(batch.guarded());
                    used = 0;
                }
                int take = Math.min(op.size() - from, chunkSize - used);
                current.add(take == op.size() ? op : op.slice(from, from + take));
                pending = true;
                used += take;
                from += take;
            }
        }
        if (pending) {
            out.add(current.build());
        }
        return out;
    }
}
