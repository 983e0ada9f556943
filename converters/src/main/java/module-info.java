module dev.falkor.orm.converters {
    requires dev.falkor.orm.spi;
}
