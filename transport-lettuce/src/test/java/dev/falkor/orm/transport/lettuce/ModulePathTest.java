package dev.falkor.orm.transport.lettuce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Proves which route a test run took: the module path (named module) or the class path. */
class ModulePathTest {
    @Test
    void theTransportRunsOnTheRouteThisExecutionChose() {
        boolean modulePath = Boolean.getBoolean("expect.modulePath");
        assertEquals(modulePath, LettuceTransportProvider.class.getModule().isNamed(),
                "module of the transport: " + LettuceTransportProvider.class.getModule());
        if (modulePath) {
            Module module = LettuceTransportProvider.class.getModule();
            assertEquals("dev.falkor.orm.transport.lettuce", module.getName());
            assertTrue(module.getDescriptor().provides().stream().anyMatch(p -> p.service()
                    .equals(TransportProvider.class.getName())
                    && p.providers().equals(java.util.List.of(LettuceTransportProvider.class.getName()))),
                    "the module provides the transport: " + module.getDescriptor().provides());
        } else {
            assertTrue(ServiceLoader.load(TransportProvider.class).stream()
                    .anyMatch(p -> p.type() == LettuceTransportProvider.class), "found by ServiceLoader");
        }
    }
}
