package dev.falkor.orm.transport.lettuce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;
import org.junit.jupiter.api.Test;

/**
 * A connection the server closed is replaced: a call sent before the client noticed the close is
 * retried on a new connection if none of it was written, else reported (its bytes left, the
 * outcome is unknown); the call after it runs on a new connection.
 */
class LettuceReconnectTest {

    @Test
    void aConnectionKilledByTheServerIsReplaced() {
        String graph = TestGraphs.uniqueName(getClass());
        try (Transport t = new LettuceTransportProvider().create(SharedServer.config());
             Transport admin = new LettuceTransportProvider().create(SharedServer.config())) {
            for (int round = 0; round < 5; round++) {
                Object id = t.command("CLIENT", "ID");
                assertEquals(1L, admin.command("CLIENT", "KILL", "ID", String.valueOf(id)), "killed " + id);
                try {
                    assertEquals(new IntegerValue(round), t.execute(GraphQuery.write(graph, "RETURN " + round)).scalar());
                } catch (dev.falkor.orm.api.ConnectionException e) {
                    // written to the socket before the close arrived: reported, never hidden or hanging
                    assertEquals(dev.falkor.orm.api.ConnectionException.Outcome.UNKNOWN, e.outcome(), e.getMessage());
                }
                assertEquals(new IntegerValue(round), t.execute(GraphQuery.write(graph, "RETURN " + round)).scalar(),
                        "the next call runs on a new connection");
                assertNotEquals(id, t.command("CLIENT", "ID"), "a new connection");
            }
            t.deleteGraph(graph);
        }
    }
}
