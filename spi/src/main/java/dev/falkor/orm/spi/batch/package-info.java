/**
 * The batch-writer contract: how the operations of one write become Cypher statements.
 * {@link dev.falkor.orm.spi.batch.BatchWriter} is the service, found through
 * {@link dev.falkor.orm.spi.batch.BatchWriterProvider}; {@link dev.falkor.orm.spi.batch.WriteBatch}
 * and {@link dev.falkor.orm.spi.batch.WriteOperation} are what it receives;
 * {@link dev.falkor.orm.spi.batch.StatementBuilder} and {@link dev.falkor.orm.spi.batch.WriteCypher}
 * are the shared Cypher every writer uses. API for writer providers, not for applications.
 */
package dev.falkor.orm.spi.batch;
