package dev.falkor.orm.transport.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.spi.TransportConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TransportConfig parsing and validation; no server needed. */
class TransportConfigTest {
    private static final String SECRET = "hunter2";

    /** Message, causes and the printed stack trace: the secret must be in none of them. */
    private static void assertNoSecret(Throwable e, String url) {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
        assertFalse(trace.toString(StandardCharsets.UTF_8).contains(SECRET),
                "password leaked for " + url + ":\n" + trace.toString(StandardCharsets.UTF_8));
    }

    @Test
    void malformedUrlsNeverShowThePassword() {
        List<String> bad = List.of(
                "redis://user:" + SECRET + "@host:notaport",
                "redis://user:hun ter2" + SECRET + "@host",
                "redis://user:pa/" + SECRET + "@host",
                "redis://user:p@" + SECRET + "@host",
                "redis://user:p#" + SECRET + "@host",
                "redis://user:%zz" + SECRET + "@host",
                "redis://" + SECRET + "%G1@host",
                "http://user:" + SECRET + "@host",
                "redis://:" + SECRET + "@",
                "redis://user:" + SECRET + "@host:99999",
                " redis ://user:" + SECRET + "@host");
        for (String url : bad) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransportConfig.fromUrl(url), url);
            assertNoSecret(e, url);
        }
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TransportConfig.fromUrl("redis://user:" + SECRET + "@host:notaport"));
        assertTrue(e.getMessage().contains("redis://***@host:notaport"), "shows the URL without credentials: "
                + e.getMessage());
    }

    @Test
    void urlsAreDecoded() {
        TransportConfig c = TransportConfig.fromUrl("rediss://user:p%40ss%2F@example.org:7000");
        assertEquals("example.org", c.host());
        assertEquals(7000, c.port());
        assertEquals("user", c.username());
        assertEquals("p@ss/", c.password());
        assertTrue(c.ssl());
        assertTrue(c.verifyHostname());
        assertNull(c.sslContext());
        assertFalse(c.toString().contains("p@ss"));

        TransportConfig passwordOnly = TransportConfig.fromUrl("redis://" + SECRET + "@h");
        assertNull(passwordOnly.username());
        assertEquals(SECRET, passwordOnly.password());
        assertEquals(6379, passwordOnly.port());
        assertFalse(passwordOnly.toString().contains(SECRET));
    }

    @Test
    void timeoutsHaveDefaultsAndAreValidated() {
        TransportConfig c = TransportConfig.builder().build();
        assertEquals(Duration.ofSeconds(12), c.poolWaitTimeout(), "connect + socket timeout");
        assertEquals(Duration.ofSeconds(1), c.queryTimeoutGrace());
        assertEquals(Duration.ofSeconds(10), c.replyTimeout(null));
        assertEquals(Duration.ofMillis(1200), c.replyTimeout(Duration.ofMillis(200)));
        TransportConfig d = c.toBuilder().poolWaitTimeout(Duration.ofMillis(5)).queryTimeoutGrace(Duration.ZERO).build();
        assertEquals(Duration.ofMillis(5), d.poolWaitTimeout());
        assertEquals(Duration.ofMillis(200), d.replyTimeout(Duration.ofMillis(200)));
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().poolWaitTimeout(Duration.ZERO));
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().queryTimeoutGrace(Duration.ofMillis(-1)));
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().queryTimeoutGrace(null));
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().socketTimeout(Duration.ZERO));
    }

    @Test
    void scaleOutSettingsAreCheckedWhenBuilt() {
        TransportConfig sentinel = TransportConfig.builder().password(SECRET)
                .sentinel("falkordb", "10.0.0.1:26379", "[::1]:26380").readFrom(TransportConfig.ReadFrom.REPLICA).build();
        assertEquals(TransportConfig.Mode.SENTINEL, sentinel.mode());
        assertEquals(List.of(new TransportConfig.Address("10.0.0.1", 26379), new TransportConfig.Address("::1", 26380)),
                sentinel.nodes());
        assertEquals("falkordb", sentinel.sentinelMaster());
        assertFalse(sentinel.toString().contains(SECRET), sentinel.toString());
        assertTrue(sentinel.toString().contains("[::1]:26380"), sentinel.toString());
        TransportConfig cluster = TransportConfig.builder().cluster("h1:7000", "h2:7001").build();
        assertEquals("h1", cluster.host(), "the first seed is the host");
        assertEquals(7000, cluster.port());
        assertEquals(TransportConfig.Mode.CLUSTER, cluster.toBuilder().build().mode(), "kept by toBuilder");

        ConfigurationException noReplicas = assertThrows(ConfigurationException.class,
                () -> TransportConfig.builder().readFrom(TransportConfig.ReadFrom.REPLICA).build());
        assertTrue(noReplicas.getMessage().contains("replicas"), noReplicas.getMessage());
        ConfigurationException tooLong = assertThrows(ConfigurationException.class, () -> TransportConfig.builder()
                .replicas("h:1").socketTimeout(Duration.ofSeconds(1)).readYourWrites(Duration.ofSeconds(1)).build());
        assertTrue(tooLong.getMessage().contains("socketTimeout"), tooLong.getMessage());
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().cluster("h:1")
                .readYourWrites(Duration.ofMillis(100)).build());
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().replicas("no-port"));
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().replicas("h:0"));
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().sentinel(" ", "h:1"));
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().cluster());
    }
}
