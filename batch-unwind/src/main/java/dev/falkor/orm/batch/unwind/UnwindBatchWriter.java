package dev.falkor.orm.batch.unwind;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.StatementBuilder;
import dev.falkor.orm.spi.batch.VersionChecks;
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
 * a larger one is several, applied one after another: the first checks every version of the
 * batch, each later one again those of the nodes it writes.
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
        VersionChecks checks = new VersionChecks(batch);
        List<StatementBuilder> builders = new ArrayList<>();
        StatementBuilder current = new StatementBuilder(batch.guarded());
        builders.add(current);
        int used = 0;
        for (WriteOperation op : batch.operations()) {
            if (op instanceof WriteOperation.CheckVersions) {
                continue;
            }
            int from = 0;
            while (from < op.size()) {
                if (used >= chunkSize) {
                    current = new StatementBuilder(batch.guarded());
                    builders.add(current);
                    used = 0;
                }
                int take = Math.min(op.size() - from, chunkSize - used);
                WriteOperation chunk = take == op.size() ? op : op.slice(from, from + take);
                if (builders.size() > 1) {
                    current.checks(checks.of(chunk)); // a later statement checks again the nodes it writes
                }
                current.add(chunk);
                used += take;
                from += take;
            }
        }
        if (!checks.isEmpty()) {
            builders.get(0).checks(batch.checks()); // the first statement checks every node
        }
        for (StatementBuilder b : builders) {
            if (b.parts() > 0 || b.hasChecks()) {
                out.add(b.build());
            }
        }
        return out;
    }
}
