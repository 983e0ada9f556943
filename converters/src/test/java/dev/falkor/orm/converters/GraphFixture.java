package dev.falkor.orm.converters;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import dev.falkor.orm.transport.jedis.internal.JedisTransportProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One transport and one graph of the shared server per test class; the graph is deleted after. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GraphFixture {
    protected Transport transport;
    protected String graph;

    @BeforeAll
    void openGraph() {
        transport = new JedisTransportProvider().create(SharedServer.config());
        graph = TestGraphs.uniqueName(getClass());
        transport.execute(GraphQuery.write(graph, "RETURN 1"));
    }

    @AfterAll
    void deleteGraph() {
        if (transport != null) {
            try {
                transport.deleteGraph(graph);
            } finally {
                transport.close();
            }
        }
    }
}
