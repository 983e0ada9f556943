package dev.falkor.orm.core.internal.write;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.testkit.BatchWriterContract;

/** The built-in writer meets the same contract as the UNWIND module. */
class PlainBatchWriterContractTest extends BatchWriterContract {
    @Override
    protected BatchWriter writer(int chunkSize) {
        return new PlainBatchWriter();
    }
}
