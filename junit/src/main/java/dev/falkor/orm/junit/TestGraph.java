package dev.falkor.orm.junit;

/**
 * The graph of a {@link FalkorDBTest} class.
 *
 * @param name the graph's name, unique in the test run
 * @param url the server's URL ({@code redis://host:port})
 */
public record TestGraph(String name, String url) {
}
