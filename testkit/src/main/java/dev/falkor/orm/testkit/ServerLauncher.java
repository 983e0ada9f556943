package dev.falkor.orm.testkit;

/**
 * Another way to obtain the test run's server, found with {@link java.util.ServiceLoader} and
 * chosen by name with {@code -Dfalkordb.server=<name>} (or {@code FALKORDB_SERVER}); the
 * default, {@code embedded}, needs none. {@code falkor-orm-testcontainers} provides
 * {@code testcontainers}, the official {@code falkordb/falkordb} image in a container.
 */
public interface ServerLauncher {

    /**
     * The name {@code falkordb.server} selects this launcher by.
     *
     * @return for example {@code "testcontainers"}
     */
    String name();

    /**
     * Starts a server for the test run.
     *
     * @return the running server; closing it stops the server
     * @throws RuntimeException with a message saying why, if the server cannot be started
     */
    Launched launch();

    /** A server a launcher started. */
    interface Launched extends AutoCloseable {
        /**
         * Where it listens.
         *
         * @return a URL such as {@code redis://localhost:32768}
         */
        String url();

        /** Stops the server. */
        @Override
        void close();
    }
}
