package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.testkit.SharedServer;
import org.junit.jupiter.api.Test;

/**
 * Provider selection through ServiceLoader, with the real Jedis and Lettuce providers on the test
 * class path (the run chooses one with {@code -Dfalkor.orm.transport}).
 */
class TransportSelectionTest {

    @Test
    void theProviderNamedBySystemPropertyIsUsed() {
        try (FalkorOrm orm = FalkorOrm.builder().transportConfig(SharedServer.config()).graph("selection_single").build()) {
            assertEquals(System.getProperty("falkor.orm.transport"), orm.transport().providerName());
            assertEquals(42L, orm.query("RETURN 40 + $x").param("x", 2).write().one(Long.class).orElseThrow(),
                    "the discovered transport really talks to the server");
            orm.transport().deleteGraph("selection_single");
        }
    }

    @Test
    void aNamedProviderIsUsedOrTheErrorListsWhatExists() {
        for (String name : new String[] {"jedis", "lettuce"}) {
            try (FalkorOrm orm = FalkorOrm.builder().url(SharedServer.url()).transportProvider(name)
                    .graph("selection_named").build()) {
                assertEquals(name, orm.transport().providerName());
                assertEquals(1L, orm.query("RETURN 1").write().one(Long.class).orElseThrow(), "talks to the server");
                orm.transport().deleteGraph("selection_named");
            }
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> FalkorOrm.builder()
                .transportConfig(TransportConfig.builder().build()).transportProvider("netty").graph("g").build());
        assertTrue(e.getMessage().contains("jedis") && e.getMessage().contains("lettuce"), e.getMessage());
        assertTrue(e.getMessage().contains("falkor-orm-transport-netty"), e.getMessage());
    }

    @Test
    void builderRejectsBadSettings() {
        assertThrows(ConfigurationException.class, () -> FalkorOrm.builder().graph(" "));
        assertThrows(ConfigurationException.class, () -> FalkorOrm.builder().batchSize(0));
        assertThrows(ConfigurationException.class, () -> FalkorOrm.builder().build());
        assertThrows(ConfigurationException.class, () -> TransportConfig.fromUrl("http://x"));
        TransportConfig c = TransportConfig.fromUrl("rediss://user:p%40ss@example.org:7000");
        assertEquals("example.org", c.host());
        assertEquals(7000, c.port());
        assertEquals("user", c.username());
        assertEquals("p@ss", c.password());
        assertTrue(c.ssl());
        assertTrue(!c.toString().contains("p@ss"), "passwords never in toString");
    }
}
