package dev.falkor.orm.embedded.internal;

import dev.falkor.orm.embedded.EmbeddedFalkorDBException;
import java.util.List;

/** Stops several servers in order; one that fails to stop does not keep the others running. */
public final class StopAll {
    private StopAll() {
    }

    /**
     * Closes each in order, then throws the first failure (with the later ones suppressed), if any.
     *
     * @param servers what to close, in order
     * @throws RuntimeException the first failure
     */
    public static void close(List<? extends AutoCloseable> servers) {
        RuntimeException failure = null;
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                RuntimeException f = e instanceof RuntimeException r ? r
                        : new EmbeddedFalkorDBException("Cannot stop " + server + ": " + e.getMessage(), e);
                if (failure == null) {
                    failure = f;
                } else {
                    failure.addSuppressed(f);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
