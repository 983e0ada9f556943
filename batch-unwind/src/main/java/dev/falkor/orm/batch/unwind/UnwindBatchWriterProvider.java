package dev.falkor.orm.batch.unwind;

import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.BatchWriterProvider;

/** Provides the {@link UnwindBatchWriter} under the name {@code unwind}. */
public final class UnwindBatchWriterProvider implements BatchWriterProvider {

    @Override
    public String name() {
        return "unwind";
    }

    @Override
    public BatchWriter create(int chunkSize) {
        return new UnwindBatchWriter(chunkSize);
    }
}
