package dev.falkor.orm.spi.batch;

/**
 * Creates {@link BatchWriter}s. Found with {@link java.util.ServiceLoader}: a provider module
 * declares {@code provides dev.falkor.orm.spi.batch.BatchWriterProvider with ...} and a
 * {@code META-INF/services} entry. The mapper uses the provider named in its configuration,
 * else the only one found, else its built-in writer of one statement per operation (named
 * {@code plain}).
 */
public interface BatchWriterProvider {

    /** Short, stable name used to choose this provider in configuration (e.g. {@code unwind}). */
    String name();

    /** A writer cutting batches into statements of at most {@code chunkSize} rows. */
    BatchWriter create(int chunkSize);
}
