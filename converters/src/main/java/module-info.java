import dev.falkor.orm.converters.internal.BigDecimalConverter;
import dev.falkor.orm.converters.internal.BigIntegerConverter;
import dev.falkor.orm.converters.internal.CurrencyConverter;
import dev.falkor.orm.converters.internal.DurationConverter;
import dev.falkor.orm.converters.internal.EnumConverter;
import dev.falkor.orm.converters.internal.InstantConverter;
import dev.falkor.orm.converters.internal.LocalDateConverter;
import dev.falkor.orm.converters.internal.LocalDateTimeConverter;
import dev.falkor.orm.converters.internal.LocalTimeConverter;
import dev.falkor.orm.converters.internal.LocaleConverter;
import dev.falkor.orm.converters.internal.OffsetDateTimeConverter;
import dev.falkor.orm.converters.internal.UriConverter;
import dev.falkor.orm.converters.internal.UuidConverter;
import dev.falkor.orm.converters.internal.ZonedDateTimeConverter;

/**
 * The standard value converters of Falkor ORM: enums, UUID, BigDecimal, BigInteger, URI,
 * java.time types, Locale and Currency. See {@link dev.falkor.orm.converters.StandardConverters}
 * for how each is stored.
 */
module dev.falkor.orm.converters {
    requires dev.falkor.orm.spi;
    // optional: @Json fields work when Jackson is present
    requires static com.fasterxml.jackson.databind;

    exports dev.falkor.orm.converters;

    provides dev.falkor.orm.spi.ValueConverter with
            EnumConverter,
            UuidConverter,
            BigDecimalConverter,
            BigIntegerConverter,
            UriConverter,
            InstantConverter,
            LocalDateConverter,
            LocalDateTimeConverter,
            LocalTimeConverter,
            OffsetDateTimeConverter,
            ZonedDateTimeConverter,
            DurationConverter,
            LocaleConverter,
            CurrencyConverter;
    provides dev.falkor.orm.spi.JsonCodec with dev.falkor.orm.converters.internal.JacksonJsonCodec;
}
