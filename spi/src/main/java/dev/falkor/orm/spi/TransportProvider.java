package dev.falkor.orm.spi;

/**
 * Creates {@link Transport}s. Found with {@link java.util.ServiceLoader}: a provider module
 * declares {@code provides dev.falkor.orm.spi.TransportProvider with ...} and a
 * {@code META-INF/services} entry, so it works on the module path and the class path.
 *
 * <p>Constructors must be cheap; connections are made in {@link #create(TransportConfig)}.
 */
public interface TransportProvider {

    /** Short, stable name used to choose this provider in configuration (e.g. {@code jedis}). */
    String name();

    /** Opens a transport; the caller owns it and must close it. */
    Transport create(TransportConfig config);
}
