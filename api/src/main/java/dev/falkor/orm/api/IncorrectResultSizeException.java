package dev.falkor.orm.api;

/**
 * A query meant to return at most one result matched more: a repository method returning a
 * single entity or {@code Optional}, or {@code orm.query(...).one(...)}. Return a {@code List},
 * add {@code First}/{@code Top} to the method name, or {@code LIMIT} to the query.
 */
public class IncorrectResultSizeException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    private final int expected;
    private final int actual;

    public IncorrectResultSizeException(String message, int expected, int actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    /** The most results the caller could take. */
    public int expected() {
        return expected;
    }

    /** How many the query returned (at least this many matched). */
    public int actual() {
        return actual;
    }
}
