package dev.falkor.orm.core;

/** {@link OptimisticLockingTest} with the built-in writer: every check goes first in the first statement. */
class OptimisticLockingPlainWriterTest extends OptimisticLockingTest {
    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.batchWriter("plain");
    }
}
