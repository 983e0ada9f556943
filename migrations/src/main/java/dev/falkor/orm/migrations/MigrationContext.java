package dev.falkor.orm.migrations;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.QueryStatistics;
import java.util.Map;

/** What a {@link JavaMigration} works with. */
public interface MigrationContext {

    /** The mapper on the graph being migrated (its repositories, {@code query(...)}). */
    FalkorOrm orm();

    /** The graph's name. */
    String graph();

    /** Runs one write statement; values as parameters. */
    QueryStatistics execute(String cypher, Map<String, ?> parameters);

    /**
     * Rewrites data in chunks, for more nodes than one statement should touch (FalkorDB has no
     * {@code CALL {} IN TRANSACTIONS}): runs {@code statement} with {@code $batchSize} until it
     * changes nothing. The statement must pick only what is not migrated yet and change it so it is
     * not picked again, for example
     * {@code MATCH (p:Person) WHERE p.emailLower IS NULL WITH p LIMIT $batchSize SET p.emailLower = toLower(p.email)}:
     * then an interrupted run resumes where it stopped. {@code listener} hears after each chunk.
     *
     * @return the number of chunks run
     */
    long inBatches(String statement, Map<String, ?> parameters, int batchSize, BatchListener listener);

    /** Progress of {@link #inBatches}. */
    @FunctionalInterface
    interface BatchListener {
        /**
         * After a chunk: its number (from 1) and how many nodes and relationships it changed
         * (properties set, nodes created or deleted, whichever is largest).
         */
        void afterBatch(long batch, long changed);
    }
}
