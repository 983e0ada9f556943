package dev.falkor.orm.spi.observe;

/**
 * A statement the mapper sends.
 *
 * @param graph the graph it runs on
 * @param kind read ({@code GRAPH.RO_QUERY}), write ({@code GRAPH.QUERY}) or another server command
 * @param statement the Cypher text (values are parameters, never in it), or the command and its
 *                  first argument for {@link Kind#COMMAND}
 */
public record StatementEvent(String graph, Kind kind, String statement) {

    /** What a statement does. */
    public enum Kind {
        /** A read-only query ({@code GRAPH.RO_QUERY}). */
        READ,
        /** A query that may write ({@code GRAPH.QUERY}). */
        WRITE,
        /** Another server command, for example {@code GRAPH.CONSTRAINT}. */
        COMMAND;

        /** The lower-case name used in metric tags: {@code read}, {@code write}, {@code command}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
