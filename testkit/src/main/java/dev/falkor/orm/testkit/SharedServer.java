package dev.falkor.orm.testkit;

import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.TransportConfig;

/**
 * The one FalkorDB server of a test run. If {@code FALKORDB_URL} (environment) or
 * {@code falkordb.url} (system property) is set, e.g. {@code redis://host:6379}, every test
 * uses that external server; otherwise the server named by {@code falkordb.server} /
 * {@code FALKORDB_SERVER} is started on first use and stopped when the test run ends:
 * {@code embedded} (the default, an {@link EmbeddedFalkorDB}) or the name of a
 * {@link ServerLauncher} on the class path, such as {@code testcontainers}.
 */
public final class SharedServer {
    /** System property choosing how the server is obtained (environment: {@code FALKORDB_SERVER}). */
    public static final String SERVER_PROPERTY = "falkordb.server";

    private static EmbeddedFalkorDB embedded;
    private static ServerLauncher.Launched launched;
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
                String how = System.getProperty(SERVER_PROPERTY);
                if (how == null || how.isBlank()) {
                    how = System.getenv("FALKORDB_SERVER");
                }
                if (how == null || how.isBlank() || how.strip().equals("embedded")) {
                    embedded = EmbeddedFalkorDB.start();
                    url = embedded.url();
                } else {
                    launched = launcher(how.strip()).launch();
                    url = launched.url();
                }
            }
        }
        return url;
    }

    /** Transport settings for the shared server. */
    public static TransportConfig config() {
        return TransportConfig.fromUrl(url());
    }

    /** True if tests run against a server the run did not start itself (FALKORDB_URL). */
    public static synchronized boolean isExternal() {
        url();
        return embedded == null && launched == null;
    }

    /** The launcher called {@code name} on the class path, or an error listing those there are. */
    static ServerLauncher launcher(String name) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (ServerLauncher l : java.util.ServiceLoader.load(ServerLauncher.class)) {
            if (l.name().equals(name)) {
                return l;
            }
            found.add(l.name());
        }
        throw new IllegalStateException(SERVER_PROPERTY + "=" + name + " (or FALKORDB_SERVER) names no server launcher "
                + "on the class path; there are: embedded" + (found.isEmpty() ? "" : ", " + String.join(", ", found))
                + (name.equals("testcontainers") ? ". Add the test dependency dev.falkor.orm:falkor-orm-testcontainers" : ""));
    }

    static synchronized void stop() {
        if (embedded != null) {
            embedded.stop();
            embedded = null;
            url = null;
        }
        if (launched != null) {
            launched.close();
            launched = null;
            url = null;
        }
    }
}
