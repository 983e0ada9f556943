/**
 * Service-provider interfaces of Falkor ORM and the graph value model providers share.
 *
 * <p>{@code dev.falkor.orm.spi.wire} holds the wire codec (parameter encoding, compact-reply
 * decoding, error translation) shared by the transports. It is not API for users, so it is
 * exported only to the modules that implement transports and to the mapper core.
 */
module dev.falkor.orm.spi {
    requires transitive dev.falkor.orm.api;
    requires org.slf4j;

    exports dev.falkor.orm.spi;
    exports dev.falkor.orm.spi.value;
    exports dev.falkor.orm.spi.wire to
            dev.falkor.orm.core,
            dev.falkor.orm.transport.jedis,
            dev.falkor.orm.transport.lettuce,
            dev.falkor.orm.testkit;
}
