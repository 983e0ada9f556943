package dev.falkor.orm.core;

import dev.falkor.orm.embedded.EmbeddedFalkorDB;

/**
 * A server of its own for a test that restarts it (the shared one must never stop): started
 * on a free port, restarted on the same port without persistence, so every graph is gone.
 */
final class EmbeddedServerUnderTest implements AutoCloseable {
    private EmbeddedFalkorDB server;
    private final int port;

    EmbeddedServerUnderTest() {
        server = EmbeddedFalkorDB.start();
        port = server.port();
    }

    String url() {
        return server.url();
    }

    void restart() {
        server.stop();
        server = EmbeddedFalkorDB.builder().port(port).start();
    }

    @Override
    public void close() {
        server.stop();
    }
}
