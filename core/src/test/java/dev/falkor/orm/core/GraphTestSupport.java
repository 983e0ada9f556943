package dev.falkor.orm.core;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A graph of its own per test class on the shared server, and plain-Cypher helpers to check it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GraphTestSupport {
    protected Transport transport;
    protected String graph;
    protected FalkorOrm orm;

    @BeforeAll
    void openGraph() {
        transport = new JedisTransportProvider().create(SharedServer.config());
        graph = TestGraphs.uniqueName(getClass());
        orm = configure(FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())).build();
    }

    /** Override to add settings. */
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder;
    }

    @AfterAll
    void dropGraph() {
        if (transport != null) {
            orm.close();
            transport.deleteGraph(graph);
            transport.close();
        }
    }

    /** Runs plain Cypher, bypassing the mapper. */
    protected QueryResult cypher(String cypher, Map<String, ?> params) {
        return transport.execute(GraphQuery.write(graph, cypher, params));
    }

    protected GraphValue scalar(String cypher, Map<String, ?> params) {
        return cypher(cypher, params).scalar();
    }

    /** {@code MATCH <pattern> RETURN count(*)}. */
    protected long count(String pattern) {
        return ((IntegerValue) scalar("MATCH " + pattern + " RETURN count(*)", Map.of())).value();
    }
}
