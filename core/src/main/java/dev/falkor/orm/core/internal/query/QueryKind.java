package dev.falkor.orm.core.internal.query;

/** What a derived query does with the nodes it matches, from the method name's verb. */
public enum QueryKind {
    /** {@code find…By}, {@code read…By}, {@code get…By}, {@code query…By}, {@code search…By}. */
    FIND,
    /** {@code stream…By}. */
    STREAM,
    /** {@code count…By}. */
    COUNT,
    /** {@code exists…By}. */
    EXISTS,
    /** {@code delete…By}, {@code remove…By}. */
    DELETE
}
