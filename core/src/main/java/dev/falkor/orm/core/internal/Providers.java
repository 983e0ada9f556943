package dev.falkor.orm.core.internal;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.core.internal.write.PlainBatchWriter;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.BatchWriterProvider;
import dev.falkor.orm.spi.ValueConverter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers with {@link ServiceLoader}, one at a time, so one broken jar does not hide
 * the others, and chooses a transport provider by the documented rules.
 */
public final class Providers {
    /** System property naming the transport provider to use when several are present. */
    public static final String TRANSPORT_PROPERTY = "falkor.orm.transport";
    /** System property naming the batch writer to use. */
    public static final String BATCH_PROPERTY = "falkor.orm.batch";
    private static final java.util.concurrent.atomic.AtomicBoolean PLAIN_LOGGED = new java.util.concurrent.atomic.AtomicBoolean();
    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

    private Providers() {
    }

    /** Every loadable provider of {@code service}; broken ones are logged and skipped. */
    public static <S> List<S> load(Class<S> service) {
        List<S> found = new ArrayList<>();
        Iterator<S> it = ServiceLoader.load(service).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipping a broken {} provider: {}", service.getSimpleName(), e.getMessage());
            }
        }
        return found;
    }

    /**
     * The transport provider: the one named ({@code name}, else system property
     * {@value #TRANSPORT_PROPERTY}), else the only one found. Fails listing what was found.
     */
    public static TransportProvider transportProvider(String name) {
        List<TransportProvider> found = load(TransportProvider.class);
        return chooseTransport(found, name != null ? name : System.getProperty(TRANSPORT_PROPERTY));
    }

    static TransportProvider chooseTransport(List<TransportProvider> found, String name) {
        String names = found.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
        if (name != null && !name.isBlank()) {
            return found.stream().filter(p -> p.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new ConfigurationException("No transport provider named '" + name
                            + "'. Found: " + (found.isEmpty() ? "none" : names)
                            + ". Add the module falkor-orm-transport-" + name.trim() + " (dev.falkor.orm:falkor-orm-transport-"
                            + name.trim() + ") or choose one of those found."));
        }
        if (found.isEmpty()) {
            throw new ConfigurationException("No FalkorDB transport found. Add one transport module, e.g. "
                    + "dev.falkor.orm:falkor-orm-transport-jedis, or pass a Transport to FalkorOrm.builder().transport(...).");
        }
        if (found.size() > 1) {
            throw new ConfigurationException("Several FalkorDB transports found: " + names
                    + ". Choose one with FalkorOrm.builder().transportProvider(\"name\") or -D"
                    + TRANSPORT_PROPERTY + "=name.");
        }
        return found.get(0);
    }

    /**
     * The batch writer: the one named ({@code name}, else system property {@value #BATCH_PROPERTY};
     * {@code plain} is the built-in one), else the only provider found, else the built-in
     * {@link PlainBatchWriter} (logged once per JVM). Fails listing what was found.
     */
    public static BatchWriter batchWriter(String name, int chunkSize) {
        return chooseBatchWriter(load(BatchWriterProvider.class), name != null ? name : System.getProperty(BATCH_PROPERTY),
                chunkSize);
    }

    static BatchWriter chooseBatchWriter(List<BatchWriterProvider> found, String name, int chunkSize) {
        String names = found.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
        if (name != null && !name.isBlank()) {
            String wanted = name.trim();
            if (wanted.equals(PlainBatchWriter.NAME)) {
                return new PlainBatchWriter();
            }
            return found.stream().filter(p -> p.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new ConfigurationException("No batch writer named '" + wanted + "'. Found: "
                            + (found.isEmpty() ? "none" : names) + " and the built-in 'plain'. Add the module "
                            + "falkor-orm-batch-" + wanted + " (dev.falkor.orm:falkor-orm-batch-" + wanted
                            + ") or choose one of those."))
                    .create(chunkSize);
        }
        if (found.size() > 1) {
            throw new ConfigurationException("Several batch writers found: " + names
                    + ". Choose one with FalkorOrm.builder().batchWriter(\"name\") or -D" + BATCH_PROPERTY + "=name.");
        }
        if (found.isEmpty()) {
            if (PLAIN_LOGGED.compareAndSet(false, true)) {
                LOG.info("No batch-writer module found: writes go one statement per entity. Add "
                        + "dev.falkor.orm:falkor-orm-batch-unwind for grouped UNWIND statements.");
            }
            return new PlainBatchWriter();
        }
        return found.get(0).create(chunkSize);
    }

    /** System property naming the result cache provider to use when several are present. */
    public static final String CACHE_PROPERTY = "falkor.orm.cache";

    /**
     * The result cache provider: the one named ({@code name}, else system property
     * {@value #CACHE_PROPERTY}; {@code none} for no cache), else the only one found, else none
     * ({@code @Cacheable} then has no effect, which the first {@code @Cacheable} read logs). Fails
     * listing what was found.
     */
    public static dev.falkor.orm.spi.cache.ResultCacheProvider resultCacheProvider(String name) {
        List<dev.falkor.orm.spi.cache.ResultCacheProvider> found = load(dev.falkor.orm.spi.cache.ResultCacheProvider.class);
        String wanted = name != null ? name : System.getProperty(CACHE_PROPERTY);
        String names = found.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
        if (wanted != null && !wanted.isBlank()) {
            if (wanted.trim().equals("none")) {
                return null;
            }
            return found.stream().filter(p -> p.name().equals(wanted.trim())).findFirst()
                    .orElseThrow(() -> new ConfigurationException("No result cache named '" + wanted + "'. Found: "
                            + (found.isEmpty() ? "none" : names) + ". Add the module falkor-orm-cache-" + wanted.trim()
                            + " (dev.falkor.orm:falkor-orm-cache-" + wanted.trim() + ") or choose one of those."));
        }
        if (found.size() > 1) {
            throw new ConfigurationException("Several result caches found: " + names
                    + ". Choose one with FalkorOrm.builder().cache(\"name\") or -D" + CACHE_PROPERTY + "=name.");
        }
        if (found.isEmpty()) {
            return null; // said once, when something is @Cacheable (CachePolicy)
        }
        return found.get(0);
    }

    /**
     * True if neither {@code name} nor the system property names a cache: then a null
     * {@link #resultCacheProvider} means no cache module is present, not {@code none} asked for.
     */
    public static boolean cacheUnnamed(String name) {
        String wanted = name != null ? name : System.getProperty(CACHE_PROPERTY);
        return wanted == null || wanted.isBlank();
    }

    /** Converters from {@link ServiceLoader}. */
    @SuppressWarnings("rawtypes")
    public static List<ValueConverter> converters() {
        return load(ValueConverter.class);
    }
}
