package dev.falkor.orm.core.internal.write;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.StatementBuilder;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.batch.WriteStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in writer, used when no batch-writer module is present (or when {@code plain} is
 * chosen): one statement per row of each operation, with plain parameters, in the batch's
 * order; the version checks go first in the first statement. Correct, and as slow as a
 * statement per entity is: the {@code falkor-orm-batch-unwind} module writes the same with a
 * statement per thousand.
 */
public final class PlainBatchWriter implements BatchWriter {
    /** The name that chooses this writer. */
    public static final String NAME = "plain";

    @Override
    public List<WriteStatement> statements(WriteBatch batch) {
        List<WriteStatement> out = new ArrayList<>();
        List<WriteOperation.CheckVersions> checks = batch.checks();
        for (WriteOperation op : batch.operations()) {
            if (op instanceof WriteOperation.CheckVersions) {
                continue;
            }
            for (int i = 0; i < op.size(); i++) {
                StatementBuilder b = new StatementBuilder(batch.guarded());
                if (out.isEmpty()) {
                    b.checks(checks);
                }
                out.add(b.add(op.size() == 1 ? op : op.slice(i, i + 1)).build());
            }
        }
        if (out.isEmpty() && !checks.isEmpty()) {
            out.add(new StatementBuilder(batch.guarded()).checks(checks).build());
        }
        return out;
    }
}
