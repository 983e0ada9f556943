package dev.falkor.orm.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared embedded server when the JUnit launcher session ends (registered through
 * {@code META-INF/services}); the server's own shutdown hook covers abrupt exits.
 */
public final class SharedServerSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedServer.stop();
    }
}
