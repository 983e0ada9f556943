package dev.falkor.orm.batch.unwind;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.testkit.BatchWriterReviewContract;

class UnwindBatchWriterReviewTest extends BatchWriterReviewContract {
    @Override
    protected BatchWriter writer(int chunkSize) {
        return new UnwindBatchWriter(chunkSize);
    }
}
