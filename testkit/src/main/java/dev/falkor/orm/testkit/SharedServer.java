package dev.falkor.orm.testkit;

import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.TransportConfig;

/**
 * The one FalkorDB server of a test run. If {@code FALKORDB_URL} (environment) or
 * {@code falkordb.url} (system property) is set, e.g. {@code redis://host:6379}, every test
 * uses that external server; otherwise an {@link EmbeddedFalkorDB} is started on first use
 * and stopped when the test run ends.
 */
public final class SharedServer {
    private static EmbeddedFalkorDB embedded;
    private static String url;

    private SharedServer() {
    }

    /** The server's URL, starting the embedded server on first call if needed. */
    public static synchronized String url() {
        if (url == null) {
            String external = System.getProperty("falkordb.url");
            if (external == null || external.isBlank()) {
                external = System.getenv("FALKORDB_URL");
            }
            if (external != null && !external.isBlank()) {
                url = external.trim();
            } else {
                embedded = EmbeddedFalkorDB.start();
                url = embedded.url();
            }
        }
        return url;
    }

    /** Transport settings for the shared server. */
    public static TransportConfig config() {
        return TransportConfig.fromUrl(url());
    }

    /** True if tests run against an external server rather than the embedded one. */
    public static synchronized boolean isExternal() {
        url();
        return embedded == null;
    }

    static synchronized void stop() {
        if (embedded != null) {
            embedded.stop();
            embedded = null;
            url = null;
        }
    }
}
