/**
 * The grouped {@code UNWIND} batch writer: the operations of a write become as few statements as
 * the chunk size allows, each operation one {@code UNWIND} over its rows. Found by
 * {@link java.util.ServiceLoader} under the name {@code unwind}; exports nothing.
 */
module dev.falkor.orm.batch.unwind {
    requires transitive dev.falkor.orm.spi;

    provides dev.falkor.orm.spi.batch.BatchWriterProvider with dev.falkor.orm.batch.unwind.UnwindBatchWriterProvider;
}
