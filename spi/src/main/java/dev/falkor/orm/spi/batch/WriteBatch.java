package dev.falkor.orm.spi.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations of one write (a save, a delete, a cascade, a session flush), in the order the
 * mapper needs them applied: nodes before the relationships that join them, deletes where the
 * mapper put them. A {@link BatchWriter} turns a batch into statements.
 *
 * @param operations the operations, in order
 * @param guarded true if writes of shapes with unique properties must first check that their
 *                unique constraints are operational (see {@link WriteStatement#guarded()})
 */
public record WriteBatch(List<WriteOperation> operations, boolean guarded) {

    public WriteBatch {
        operations = List.copyOf(operations);
    }

    /** An unguarded batch of these operations. */
    public static WriteBatch of(WriteOperation... operations) {
        return new WriteBatch(List.of(operations), false);
    }

    /** Rows and ids over all operations. */
    public int size() {
        int n = 0;
        for (WriteOperation o : operations) {
            n += o.size();
        }
        return n;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The version checks of the batch. */
    public List<WriteOperation.CheckVersions> checks() {
        List<WriteOperation.CheckVersions> out = new ArrayList<>();
        for (WriteOperation o : operations) {
            if (o instanceof WriteOperation.CheckVersions c && c.size() > 0) {
                out.add(c);
            }
        }
        return out;
    }
}
