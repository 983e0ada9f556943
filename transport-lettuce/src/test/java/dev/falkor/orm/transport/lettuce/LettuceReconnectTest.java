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

/** A connection the server closed is replaced on the next call, without an error for that call. */
class LettuceReconnectTest {

    @Test
    void aConnectionKilledByTheServerIsReplacedTransparently() {
        String graph = TestGraphs.uniqueName(getClass());
        try (Transport t = new LettuceTransportProvider().create(SharedServer.config());
             Transport admin = new LettuceTransportProvider().create(SharedServer.config())) {
            for (int round = 0; round < 5; round++) {
                Object id = t.command("CLIENT", "ID");
                assertEquals(1L, admin.command("CLIENT", "KILL", "ID", String.valueOf(id)), "killed " + id);
                // nothing of the next call was sent on the dead connection: it goes out on a new one
                assertEquals(new IntegerValue(round), t.execute(GraphQuery.write(graph, "RETURN " + round)).scalar());
                assertNotEquals(id, t.command("CLIENT", "ID"), "a new connection");
            }
            t.deleteGraph(graph);
        }
    }
}
