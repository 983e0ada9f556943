package dev.falkor.orm.core.internal.write;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.testkit.BatchWriterReviewContract;

class PlainBatchWriterReviewTest extends BatchWriterReviewContract {
    @Override
    protected BatchWriter writer(int chunkSize) {
        return new PlainBatchWriter();
    }
}
