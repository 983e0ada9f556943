package dev.falkor.orm.core.internal.write;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.StatementBuilder;
import dev.falkor.orm.spi.batch.VersionChecks;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import dev.falkor.orm.spi.batch.WriteStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in writer, used when no batch-writer module is present (or when {@code plain} is
 * chosen): one statement per row of each operation, with plain parameters, in the batch's
 * order; the first statement checks every version, each later one again that of the node it
 * writes. Correct, and as slow as a
 * statement per entity is: the {@code falkor-orm-batch-unwind} module writes the same with a
 * statement per thousand.
 */
public final class PlainBatchWriter implements BatchWriter {
    /** The name that chooses this writer. */
    public static final String NAME = "plain";

    @Override
    public List<WriteStatement> statements(WriteBatch batch) {
        VersionChecks checks = new VersionChecks(batch);
        List<StatementBuilder> builders = new ArrayList<>();
        for (WriteOperation op : batch.operations()) {
            if (op instanceof WriteOperation.CheckVersions) {
                continue;
            }
            for (int i = 0; i < op.size(); i++) {
                WriteOperation one = op.size() == 1 ? op : op.slice(i, i + 1);
                StatementBuilder b = new StatementBuilder(batch.guarded());
                if (!builders.isEmpty()) {
                    b.checks(checks.of(one)); // a later statement checks again the node it writes
                }
                builders.add(b.add(one));
            }
        }
        if (!checks.isEmpty()) {
            if (builders.isEmpty()) {
                builders.add(new StatementBuilder(batch.guarded()));
            }
            builders.get(0).checks(batch.checks()); // the first statement checks every node
        }
        List<WriteStatement> out = new ArrayList<>();
        for (StatementBuilder b : builders) {
            out.add(b.build());
        }
        return out;
    }
}
