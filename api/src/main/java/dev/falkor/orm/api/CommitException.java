package dev.falkor.orm.api;

/**
 * A unit of work could not be committed. {@link #applied()} tells whether any of it reached
 * the graph: a commit that fits one statement is atomic and applies nothing when it fails; a
 * larger one is sent in several statements, and a failure after the first leaves the earlier
 * ones applied (FalkorDB has no multi-statement transactions). The cause says what failed.
 */
public class CommitException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    private final boolean applied;

    public CommitException(String message, boolean applied, Throwable cause) {
        super(message, cause);
        this.applied = applied;
    }

    /** True if part of the commit was applied before it failed. */
    public boolean applied() {
        return applied;
    }
}
