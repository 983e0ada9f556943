package dev.falkor.orm.migrations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds migration scripts ({@code .cypher} files) in a directory or a class-path location (directories and jars). */
public final class Discovery {
    private Discovery() {
    }

    /** File name to content, for every {@code .cypher} file of {@code location} ({@code classpath:dir} or a path). */
    public static Map<String, String> scripts(String location, ClassLoader loader) {
        Map<String, String> out = new TreeMap<>();
        if (location.startsWith("classpath:")) {
            String dir = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            try {
                Enumeration<URL> urls = loader.getResources(dir);
                while (urls.hasMoreElements()) {
                    URL url = urls.nextElement();
                    if ("file".equals(url.getProtocol())) {
                        directory(Path.of(url.toURI()), out);
                    } else if ("jar".equals(url.getProtocol())) {
                        JarURLConnection c = (JarURLConnection) url.openConnection();
                        try (JarFile jar = c.getJarFile()) {
                            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                                JarEntry entry = e.nextElement();
                                String name = entry.getName();
                                if (name.startsWith(dir + "/") && name.endsWith(".cypher") && name.indexOf('/', dir.length() + 1) < 0) {
                                    try (InputStream in = jar.getInputStream(entry)) {
                                        out.put(name.substring(dir.length() + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                                    }
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migrations from " + location, e);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Cannot read migrations from " + location, e);
            }
        } else {
            directory(Path.of(location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location), out);
        }
        return out;
    }

    private static void directory(Path dir, Map<String, String> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".cypher"))::iterator) {
                out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migrations from " + dir, e);
        }
    }
}
