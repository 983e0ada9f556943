package dev.falkor.orm.migrations;

import dev.falkor.orm.api.FalkorOrmException;

/** A migration run that cannot go on: a changed script, a failed statement, a lock not obtained. */
public class MigrationException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
