package dev.falkor.orm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Installs the library bundles (as built, with their bnd manifests) in Apache Felix, starts
 * them, and checks that they resolve against each other: the manifests import and export what
 * the code needs.
 */
class OsgiSmokeTest {

    private static String location(Class<?> type) throws Exception {
        return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
    }

    /** The io.lettuce and io.netty packages the Lettuce transport bundle imports, as a system-packages list. */
    private static String lettucePackages() throws Exception {
        String jar = location(Class.forName("dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider"));
        String header;
        try (java.io.InputStream in = new java.net.URL((jar.endsWith(".jar") ? "jar:" + jar + "!/" : jar)
                + "META-INF/MANIFEST.MF").openStream()) {
            header = new java.util.jar.Manifest(in).getMainAttributes().getValue("Import-Package");
        }
        List<String> out = new ArrayList<>();
        for (String clause : header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String pkg = clause.split(";")[0].trim();
            if (pkg.startsWith("io.lettuce.") || pkg.startsWith("io.netty.")) {
                java.util.regex.Matcher v = java.util.regex.Pattern.compile("version=\"\\[([0-9.]+)").matcher(clause);
                out.add(pkg + (v.find() ? ";version=" + v.group(1) : ""));
            }
        }
        assertEquals(true, out.stream().anyMatch(p -> p.startsWith("io.lettuce.core;")) || out.contains("io.lettuce.core"),
                "the transport imports Lettuce: " + header);
        return String.join(",", out);
    }

    @Test
    void libraryBundlesResolveAndStart(@TempDir Path storage) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // slf4j-api 2 requires a Service Loader Mediator (e.g. Aries SPI Fly). This test checks our
        // manifests, not the mediator, so the framework announces the extender capability itself;
        // SLF4J then finds no binding and stays silent. Our own mediator headers are optional.
        config.put(Constants.FRAMEWORK_SYSTEMCAPABILITIES_EXTRA,
                "osgi.extender;osgi.extender=osgi.serviceloader.processor;version:Version=1.0.0,"
                        + "osgi.extender;osgi.extender=osgi.serviceloader.registrar;version:Version=1.0.0");
        // Lettuce ships no OSGi metadata: the framework exports the Lettuce and Netty packages the
        // Lettuce transport imports (at the versions it asks for) from the class path, so the
        // transport's own manifest is what gets resolved
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, lettucePackages());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.start();
        try {
            BundleContext ctx = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            bundles.add(ctx.installBundle(location(Class.forName("org.slf4j.simple.SimpleLogger"))));
            for (Class<?> c : List.of(org.slf4j.Logger.class, FalkorOrmException.class, Transport.class,
                    EmbeddedFalkorDB.class, FalkorOrm.class,
                    Class.forName("dev.falkor.orm.converters.StandardConverters"),
                    Class.forName("dev.falkor.orm.batch.unwind.UnwindBatchWriterProvider"),
                    Class.forName("dev.falkor.orm.transport.lettuce.internal.LettuceTransportProvider"),
                    Class.forName("com.github.benmanes.caffeine.cache.Caffeine"),
                    Class.forName("dev.falkor.orm.cache.caffeine.CaffeineResultCacheProvider"))) {
                bundles.add(ctx.installBundle(location(c)));
            }
            for (Bundle b : bundles) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                    continue; // fragments resolve with their host and are never started
                }
                b.start();
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " started");
            }
            Bundle api = bundles.get(2);
            Bundle core = bundles.get(5);
            assertEquals("dev.falkor.orm.core", core.getSymbolicName());
            Class<?> entry = core.loadClass("dev.falkor.orm.core.FalkorOrm");
            Class<?> exceptionSeenByCore = entry.getClassLoader().loadClass(FalkorOrmException.class.getName());
            assertSame(api.loadClass(FalkorOrmException.class.getName()), exceptionSeenByCore,
                    "core is wired to the api bundle's classes");
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }
}
