package dev.falkor.orm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box check of every library module as built: its JPMS exports and services, the
 * {@code META-INF/services} files that make the class path work the same, and the OSGi
 * manifest exporting exactly what the module exports.
 */
class ModuleTest {
    private static final Map<String, ModuleDescriptor> MODULES = new HashMap<>();
    private static final Map<String, String> LOCATIONS = new HashMap<>();

    @BeforeAll
    static void readDescriptors() throws IOException {
        Enumeration<URL> urls = ModuleTest.class.getClassLoader().getResources("module-info.class");
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            try (InputStream in = url.openStream()) {
                ModuleDescriptor d = ModuleDescriptor.read(in);
                if (d.name().startsWith("dev.falkor.orm.")) {
                    MODULES.put(d.name(), d);
                    LOCATIONS.put(d.name(), url.toString().substring(0, url.toString().length() - "module-info.class".length()));
                }
            }
        }
    }

    private static ModuleDescriptor module(String name) {
        ModuleDescriptor d = MODULES.get(name);
        assertNotNull(d, name + " not found among " + MODULES.keySet());
        return d;
    }

    private static Set<String> unqualifiedExports(String name) {
        return module(name).exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> services(String module, String service) throws IOException {
        URL url = new URL(LOCATIONS.get(module) + "META-INF/services/" + service);
        try (InputStream in = url.openStream()) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> osgiExports(String module) throws IOException {
        try (InputStream in = new URL(LOCATIONS.get(module) + "META-INF/MANIFEST.MF").openStream()) {
            String header = new Manifest(in).getMainAttributes().getValue("Export-Package");
            if (header == null) {
                return Set.of();
            }
            // package names are the parts before ';' of each comma-separated clause (quotes may hold commas)
            Set<String> out = new TreeSet<>();
            for (String clause : header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                out.add(clause.split(";")[0].trim());
            }
            return out;
        }
    }

    @Test
    void apiAndSpiExportOnlyTheirContracts() throws IOException {
        assertEquals(Set.of("dev.falkor.orm.api", "dev.falkor.orm.api.annotation"), unqualifiedExports("dev.falkor.orm.api"));
        // spi.wire is the provider-facing package: exported to everyone, so third parties can write a transport
        // spi.batch likewise, for third-party batch writers; spi.observe for metrics and tracing observers
        assertEquals(Set.of("dev.falkor.orm.spi", "dev.falkor.orm.spi.value", "dev.falkor.orm.spi.wire",
                "dev.falkor.orm.spi.batch", "dev.falkor.orm.spi.cache", "dev.falkor.orm.spi.observe"),
                unqualifiedExports("dev.falkor.orm.spi"));
        assertEquals(Set.of("dev.falkor.orm.api", "dev.falkor.orm.api.annotation"), osgiExports("dev.falkor.orm.api"));
        assertEquals(Set.of("dev.falkor.orm.spi", "dev.falkor.orm.spi.value", "dev.falkor.orm.spi.wire",
                "dev.falkor.orm.spi.batch", "dev.falkor.orm.spi.cache", "dev.falkor.orm.spi.observe"),
                osgiExports("dev.falkor.orm.spi"));
    }

    @Test
    void coreExportsTheEntryPointAndUsesTheSpis() throws IOException {
        assertEquals(Set.of("dev.falkor.orm.core"), unqualifiedExports("dev.falkor.orm.core"));
        assertEquals(Set.of("dev.falkor.orm.spi.TransportProvider", "dev.falkor.orm.spi.ValueConverter",
                "dev.falkor.orm.spi.batch.BatchWriterProvider", "dev.falkor.orm.spi.cache.ResultCacheProvider",
                "dev.falkor.orm.spi.JsonCodec", "dev.falkor.orm.core.StartupHook"), module("dev.falkor.orm.core").uses());
        assertTrue(module("dev.falkor.orm.core").opens().isEmpty(), "no opens in library code");
        assertEquals(Set.of("dev.falkor.orm.core"), osgiExports("dev.falkor.orm.core"));
    }

    @Test
    void providersAreFoundOnBothRoutes() throws IOException {
        for (var entry : Map.of("dev.falkor.orm.transport.jedis", "dev.falkor.orm.spi.TransportProvider",
                "dev.falkor.orm.transport.lettuce", "dev.falkor.orm.spi.TransportProvider",
                "dev.falkor.orm.cache.caffeine", "dev.falkor.orm.spi.cache.ResultCacheProvider",
                "dev.falkor.orm.cache.redis", "dev.falkor.orm.spi.cache.ResultCacheProvider",
                "dev.falkor.orm.converters", "dev.falkor.orm.spi.ValueConverter",
                "dev.falkor.orm.batch.unwind", "dev.falkor.orm.spi.batch.BatchWriterProvider").entrySet()) {
            ModuleDescriptor d = module(entry.getKey());
            ModuleDescriptor.Provides provides = d.provides().stream()
                    .filter(p -> p.service().equals(entry.getValue())).findFirst().orElseThrow();
            assertEquals(new TreeSet<>(provides.providers()), services(entry.getKey(), entry.getValue()),
                    entry.getKey() + ": module-info provides and META-INF/services list the same classes");
            assertTrue(d.opens().isEmpty());
        }
        assertEquals(Set.of(), unqualifiedExports("dev.falkor.orm.transport.jedis"), "a transport exports nothing");
        assertEquals(Set.of(), osgiExports("dev.falkor.orm.transport.jedis"));
        assertEquals(Set.of(), unqualifiedExports("dev.falkor.orm.transport.lettuce"), "a transport exports nothing");
        assertEquals(Set.of(), osgiExports("dev.falkor.orm.transport.lettuce"));
        for (String cache : List.of("dev.falkor.orm.cache.caffeine", "dev.falkor.orm.cache.redis")) {
            assertEquals(Set.of(), unqualifiedExports(cache), "a cache exports nothing");
            assertEquals(Set.of(), osgiExports(cache));
        }
        assertEquals(Set.of(), unqualifiedExports("dev.falkor.orm.batch.unwind"), "a batch writer exports nothing");
        assertEquals(Set.of(), osgiExports("dev.falkor.orm.batch.unwind"));
        assertEquals(14, module("dev.falkor.orm.converters").provides().stream()
                .filter(p -> p.service().equals("dev.falkor.orm.spi.ValueConverter")).findFirst().orElseThrow()
                .providers().size());
        assertEquals(Set.of("dev.falkor.orm.converters.internal.JacksonJsonCodec"),
                services("dev.falkor.orm.converters", "dev.falkor.orm.spi.JsonCodec"));
        assertEquals(Set.of("dev.falkor.orm.converters"), unqualifiedExports("dev.falkor.orm.converters"));
        assertEquals(Set.of("dev.falkor.orm.converters"), osgiExports("dev.falkor.orm.converters"));
        assertEquals(Set.of("dev.falkor.orm.embedded"), unqualifiedExports("dev.falkor.orm.embedded"));
        assertEquals(Set.of("dev.falkor.orm.embedded"), osgiExports("dev.falkor.orm.embedded"));
    }

    @Test
    void everyLibraryModuleIsNamedAndPresent() {
        for (String m : List.of("api", "spi", "core", "transport.jedis", "transport.lettuce", "batch.unwind",
                "converters", "embedded", "cache.caffeine", "cache.redis")) {
            assertNotNull(module("dev.falkor.orm." + m));
        }
    }
}
