package dev.falkor.orm.testcontainers;

import dev.falkor.orm.testkit.ServerLauncher;
import org.testcontainers.DockerClientFactory;

/**
 * The testkit's {@code testcontainers} launcher: {@code -Dfalkordb.server=testcontainers} runs
 * the test run's shared server as a {@link FalkorDBContainer}.
 */
public final class ContainerLauncher implements ServerLauncher {

    /** Called by {@link java.util.ServiceLoader}. */
    public ContainerLauncher() {
    }

    @Override
    public String name() {
        return "testcontainers";
    }

    /**
     * Starts the container.
     *
     * @throws IllegalStateException if no container engine is reachable, saying so and naming the alternatives
     */
    @Override
    public Launched launch() {
        if (!engineReachable()) {
            throw new IllegalStateException("falkordb.server=testcontainers, but Testcontainers finds no container "
                    + "engine (Docker or compatible) on this machine; start one, or leave falkordb.server unset for "
                    + "the embedded server (no container needed), or set FALKORDB_URL to a running server");
        }
        FalkorDBContainer container = new FalkorDBContainer();
        container.start();
        return new Launched() {
            @Override
            public String url() {
                return container.url();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    /**
     * Whether Testcontainers can reach a container engine here.
     *
     * @return true if a container can be started
     */
    public static boolean engineReachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
