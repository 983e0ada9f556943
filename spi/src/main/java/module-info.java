/**
 * Service-provider interfaces of Falkor ORM and the graph value model providers share.
 *
 * <p>{@code dev.falkor.orm.spi.wire} is the provider-facing package, the way to write a
 * transport: {@code WireCodec} (the FalkorDB wire format without I/O: parameter encoding,
 * compact-reply decoding, the name cache) and {@code WireTransport}, the base class whose
 * subclass only moves bytes. It is API for transport providers, not for applications.
 */
module dev.falkor.orm.spi {
    requires transitive dev.falkor.orm.api;
    requires org.slf4j;

    exports dev.falkor.orm.spi;
    exports dev.falkor.orm.spi.value;
    exports dev.falkor.orm.spi.wire;
    exports dev.falkor.orm.spi.batch;
    exports dev.falkor.orm.spi.cache;
    exports dev.falkor.orm.spi.observe;
}
