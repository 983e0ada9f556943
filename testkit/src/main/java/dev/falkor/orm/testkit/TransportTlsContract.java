package dev.falkor.orm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.ConnectionException.Outcome;
import dev.falkor.orm.api.TlsHandshakeException;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.spi.value.StringValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TLS ({@code rediss://}) through a {@link TcpProxy} that terminates TLS in front of the shared
 * server, with certificates made by {@code keytool} at test time: a trusted certificate connects,
 * an untrusted one or one for another host name is refused with a clear error and nothing sent.
 * A provider module extends this class and returns its provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TransportTlsContract {
    private Path dir;
    private TestCertificates.Generated good;
    private TestCertificates.Generated elsewhere;
    private TcpProxy goodProxy;
    private TcpProxy elsewhereProxy;
    private String graph;

    /** The provider under test. */
    protected abstract TransportProvider provider();

    @BeforeAll
    void startProxies() throws IOException {
        dir = Files.createTempDirectory("falkor-tls-");
        good = TestCertificates.generate(dir, "falkor-test", "ip:127.0.0.1", "dns:localhost");
        elsewhere = TestCertificates.generate(dir, "elsewhere", "dns:elsewhere.invalid");
        TransportConfig shared = SharedServer.config();
        goodProxy = TcpProxy.tls(good.keyStore(), good.password(), shared.host(), shared.port());
        elsewhereProxy = TcpProxy.tls(elsewhere.keyStore(), elsewhere.password(), shared.host(), shared.port());
        graph = TestGraphs.uniqueName(getClass());
    }

    @AfterAll
    void stopProxies() throws IOException {
        try (Transport plain = provider().create(SharedServer.config())) {
            plain.deleteGraph(graph);
        } finally {
            if (goodProxy != null) {
                goodProxy.close();
            }
            if (elsewhereProxy != null) {
                elsewhereProxy.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Shared-server settings (credentials included) pointed at a proxy, with TLS on. */
    private TransportConfig.Builder via(TcpProxy proxy, String host) {
        return SharedServer.config().toBuilder().host(host).port(proxy.port()).ssl(true);
    }

    private void roundTrip(TransportConfig config) {
        try (Transport t = provider().create(config)) {
            t.execute(GraphQuery.write(graph, "MERGE (:Tls {k: $k})", Map.of("k", "over-tls")));
            assertEquals(new StringValue("over-tls"), t.execute(GraphQuery.read(graph,
                    "MATCH (n:Tls) RETURN n.k", Map.of())).scalar());
        }
    }

    private TlsHandshakeException refused(TransportConfig config, TlsHandshakeException.Reason reason) {
        try (Transport t = provider().create(config)) {
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class, () -> t.execute(
                    GraphQuery.write(graph, "CREATE (:Refused)")));
            assertEquals(reason, e.reason(), e.getMessage());
            assertEquals(Outcome.NOT_SENT, e.outcome());
            assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
            return e;
        }
    }

    @Test
    void aTrustedCertificateConnects() {
        int before = goodProxy.handshakes();
        roundTrip(via(goodProxy, "127.0.0.1").trustStore(good.trustStore(), good.password()).build());
        roundTrip(via(goodProxy, "localhost").trustedCertificates(good.pem()).build());
        roundTrip(TransportConfig.fromUrl("rediss://127.0.0.1:" + goodProxy.port()).toBuilder()
                .username(SharedServer.config().username()).password(SharedServer.config().password())
                .trustedCertificates(good.pem()).build());
        assertTrue(goodProxy.handshakes() >= before + 3, "the connections went through TLS");
        try (Transport plain = provider().create(SharedServer.config())) {
            assertEquals(new IntegerValue(1), plain.execute(GraphQuery.read(graph,
                    "MATCH (n:Tls) RETURN count(n)", Map.of())).scalar(), "the proxy reached the real server");
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        // the JDK's default trust store does not know the self-signed certificate
        TlsHandshakeException e = refused(via(goodProxy, "127.0.0.1").build(),
                TlsHandshakeException.Reason.UNTRUSTED_CERTIFICATE);
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        // nor does a trust store holding another certificate
        refused(via(goodProxy, "127.0.0.1").trustStore(elsewhere.trustStore(), elsewhere.password()).build(),
                TlsHandshakeException.Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        TransportConfig config = via(elsewhereProxy, "127.0.0.1").trustedCertificates(elsewhere.pem()).build();
        TlsHandshakeException e = refused(config, TlsHandshakeException.Reason.HOST_NAME_MISMATCH);
        assertTrue(e.getMessage().contains("'127.0.0.1'"), "names the host: " + e.getMessage());
        // hostname verification is on by default; turning it off accepts the trusted certificate
        assertTrue(config.verifyHostname());
        roundTrip(config.toBuilder().verifyHostname(false).build());
    }

    @Test
    void tlsToAPlainPortFailsClearly() {
        // Redis reads the ClientHello as an inline command: it answers with an error if the random
        // bytes hold a newline (no TLS record comes back), and waits for one otherwise (the
        // handshake times out). Either way nothing is sent and the message points at TLS.
        TransportConfig shared = SharedServer.config();
        TransportConfig config = shared.toBuilder().ssl(true).trustedCertificates(good.pem())
                .socketTimeout(Duration.ofMillis(500)).build();
        try (Transport t = provider().create(config)) {
            long start = System.nanoTime();
            ConnectionException e = assertThrows(ConnectionException.class, () -> t.execute(
                    GraphQuery.write(graph, "CREATE (:Refused)")));
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "bounded by the socket timeout");
            assertEquals(Outcome.NOT_SENT, e.outcome());
            assertTrue(e.getMessage().contains("TLS") && e.getMessage().contains("port " + shared.port()),
                    e.getMessage());
            if (e instanceof TlsHandshakeException tls) {
                assertEquals(TlsHandshakeException.Reason.OTHER, tls.reason());
            }
        }
    }

    @Test
    void trustSettingsAreCheckedWhenConfigured() throws IOException {
        ConfigurationException wrongPassword = assertThrows(ConfigurationException.class, () -> TransportConfig.builder()
                .ssl(true).trustStore(good.trustStore(), "wrong-store-pw".toCharArray()));
        assertTrue(wrongPassword.getMessage().contains(good.trustStore().toString()), wrongPassword.getMessage());
        assertFalse(wrongPassword.getMessage().contains("wrong-store-pw"), wrongPassword.getMessage());

        assertThrows(ConfigurationException.class, () -> TransportConfig.builder()
                .trustStore(dir.resolve("missing.p12"), good.password()));
        Path notACertificate = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
        assertThrows(ConfigurationException.class, () -> TransportConfig.builder().trustedCertificates(notACertificate));

        ConfigurationException plain = assertThrows(ConfigurationException.class, () -> TransportConfig
                .fromUrl("redis://127.0.0.1:6379").toBuilder().trustedCertificates(good.pem()).build());
        assertTrue(plain.getMessage().contains("TLS is off"), plain.getMessage());
    }
}
