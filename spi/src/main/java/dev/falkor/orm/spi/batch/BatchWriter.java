package dev.falkor.orm.spi.batch;

import java.util.List;

/**
 * Turns the operations of one write into Cypher statements. The mapper sends every write
 * ({@code save}, {@code saveAll}, deletes, cascades, bulk saves, session flushes) through the one
 * writer it was built with; writers differ only in how many statements they produce and how
 * fast those run, never in what the graph holds after all of them ran.
 *
 * <p>A writer must:
 * <ul>
 * <li>apply the operations in the batch's order (a statement may hold several operations, and
 * one operation may be cut into several statements, as long as the order holds);</li>
 * <li>back-quote labels, types and property names (shapes hold validated identifiers) and pass
 * every value as a parameter, never in the text;</li>
 * <li>put every version check first in the first statement, and the checks of the nodes a later
 * statement writes first in that statement too ({@link WriteOperation.CheckVersions},
 * {@link VersionChecks});</li>
 * <li>with a {@link WriteBatch#guarded() guarded} batch, make each statement that writes nodes
 * of a shape with unique properties check before each write that their constraints are
 * operational, and write nothing otherwise ({@link WriteStatement#guarded()});</li>
 * <li>be thread-safe: one writer serves every thread of the mapper.</li>
 * </ul>
 *
 * <p>Each statement is atomic on the server; a batch of several statements is not: when one
 * fails, the ones before it stay written. {@link WriteCypher} holds the Cypher both built-in
 * writers share; the contract suite in {@code falkor-orm-testkit} checks a writer against a real
 * server.
 */
public interface BatchWriter {

    /** The statements for {@code batch}, in the order they must run (none for an empty batch). */
    List<WriteStatement> statements(WriteBatch batch);
}
