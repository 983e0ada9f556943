package dev.falkor.orm.transport.lettuce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.TestGraphs;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Calls spread over several multiplexed connections ({@code connections(n)}), seen from the server. */
class LettuceConnectionsTest {

    @Test
    void callsAreSpreadOverTheConfiguredNumberOfConnections() throws Exception {
        String graph = TestGraphs.uniqueName(getClass());
        try (dev.falkor.orm.embedded.EmbeddedFalkorDB server = dev.falkor.orm.embedded.EmbeddedFalkorDB.start()) {
            run(TransportConfig.fromUrl(server.url()), graph);
        }
    }

    private static void run(TransportConfig base, String graph) throws Exception {
        try (Transport one = new LettuceTransportProvider().create(base);
             Transport three = new LettuceTransportProvider().create(base.toBuilder().connections(3).build())) {
            three.execute(GraphQuery.write(graph, "UNWIND range(1, 10) AS i CREATE (:N {i: i})"));
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(three.executeAsync(GraphQuery.read(graph, "MATCH (n:N) WHERE n.i = $i RETURN n.i",
                        Map.of("i", i % 10 + 1))).toCompletableFuture());
            }
            long sum = 0;
            for (CompletableFuture<?> c : calls) {
                sum += ((IntegerValue) ((dev.falkor.orm.spi.QueryResult) c.get()).scalar()).value();
            }
            assertEquals(3 * 55, sum, "every call got its own reply");
            String clients = String.valueOf(one.command("CLIENT", "LIST"));
            assertEquals(4, clients.lines().count(), "the server of its own sees one connection of 'one' and "
                    + "three of 'three':\n" + clients);
            one.deleteGraph(graph);
        }
    }
}
