/**
 * The Falkor ORM mapper: {@link dev.falkor.orm.core.FalkorOrm} is the entry point. Transports
 * and converters are found with {@link java.util.ServiceLoader}; implementation packages are
 * not exported.
 */
module dev.falkor.orm.core {
    requires transitive dev.falkor.orm.api;
    requires transitive dev.falkor.orm.spi;
    requires org.slf4j;

    exports dev.falkor.orm.core;

    uses dev.falkor.orm.spi.TransportProvider;
    uses dev.falkor.orm.spi.ValueConverter;
    uses dev.falkor.orm.spi.batch.BatchWriterProvider;
    uses dev.falkor.orm.spi.cache.ResultCacheProvider;
    uses dev.falkor.orm.spi.JsonCodec;
    uses dev.falkor.orm.core.StartupHook;
}
