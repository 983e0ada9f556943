package dev.falkor.orm.testkit;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base class for tests that need the real server: one transport and one graph of the shared
 * server per test class (so classes run in parallel), deleted afterwards, plus plain-Cypher
 * helpers to check the graph without the mapper. The transport comes from the provider on the
 * test class path (system property {@code falkor.orm.transport} chooses among several).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GraphTest {
    protected Transport transport;
    protected String graph;

    @BeforeAll
    void openGraph() {
        transport = provider().create(SharedServer.config());
        graph = TestGraphs.uniqueName(getClass());
        transport.execute(GraphQuery.write(graph, "RETURN 1"));
        afterGraphOpened();
    }

    /** Hook for subclasses that build more on the transport. */
    protected void afterGraphOpened() {
    }

    /** Hook for subclasses to release what they built, before the graph is deleted. */
    protected void beforeGraphDeleted() {
    }

    @AfterAll
    void deleteGraph() {
        if (transport == null) {
            return;
        }
        try {
            beforeGraphDeleted();
            transport.deleteGraph(graph);
        } finally {
            transport.close();
        }
    }

    /**
     * The provider whose transport the test uses: by default the one on the test class path
     * (system property {@code falkor.orm.transport} chooses among several).
     */
    protected TransportProvider provider() {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        String chosen = System.getProperty("falkor.orm.transport");
        List<TransportProvider> candidates = chosen == null ? found
                : found.stream().filter(p -> p.name().equals(chosen)).toList();
        if (candidates.size() != 1) {
            throw new IllegalStateException("Tests need exactly one transport provider, found "
                    + found.stream().map(TransportProvider::name).collect(Collectors.toList())
                    + (chosen == null ? "" : " (chosen: " + chosen + ")"));
        }
        return candidates.get(0);
    }

    /** Runs plain Cypher (write-capable), bypassing the mapper. */
    protected QueryResult cypher(String cypher, Map<String, ?> params) {
        return transport.execute(GraphQuery.write(graph, cypher, params));
    }

    /** The single value of a plain Cypher query. */
    protected GraphValue scalar(String cypher, Map<String, ?> params) {
        return cypher(cypher, params).scalar();
    }

    /** {@code MATCH <pattern> RETURN count(*)}. */
    protected long count(String pattern) {
        return ((IntegerValue) scalar("MATCH " + pattern + " RETURN count(*)", Map.of())).value();
    }
}
