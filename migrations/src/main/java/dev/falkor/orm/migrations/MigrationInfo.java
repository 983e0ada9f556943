package dev.falkor.orm.migrations;

import java.time.Instant;

/**
 * One migration as {@link Migrations#info()} reports it.
 *
 * @param version          its version
 * @param description      what it does
 * @param type             {@code CYPHER}, {@code JAVA} or {@code BASELINE}
 * @param state            where it stands
 * @param checksum         its checksum (of the file, or {@link JavaMigration#checksum()})
 * @param installedOn      when it was applied, or null
 * @param installedBy      who applied it, or null
 * @param executionMillis  how long it ran, or 0
 * @param statementsDone   for a failed script: how many of its statements succeeded
 * @param error            for a failed one: the statement and the server's message
 */
public record MigrationInfo(String version, String description, String type, State state, String checksum,
                            Instant installedOn, String installedBy, long executionMillis, int statementsDone,
                            String error) {

    /** Where a migration stands. */
    public enum State {
        /** Not applied yet. */
        PENDING,
        /** Applied. */
        SUCCESS,
        /** Stopped at a failed statement; the next migrate resumes it. */
        FAILED,
        /** Adopted by {@link Migrations#baseline}: the graph was already at this version. */
        BASELINE,
        /** Below the baseline: never run. */
        BELOW_BASELINE,
        /** Applied, and its source changed since: {@link Migrations#validate} fails until repaired. */
        CHANGED,
        /** Applied, and no longer found in the locations. */
        MISSING,
        /** Undone by {@link Migrations#undo}. */
        UNDONE
    }
}
