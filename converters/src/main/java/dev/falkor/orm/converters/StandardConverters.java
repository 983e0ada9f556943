package dev.falkor.orm.converters;

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
import dev.falkor.orm.spi.ValueConverter;
import java.util.List;

/**
 * The standard {@link ValueConverter}s. Putting this module on the class path or module path
 * is enough: they are found by {@link java.util.ServiceLoader}. All have
 * {@link ValueConverter#BUILT_IN_PRIORITY}, so a converter of your own for the same type wins.
 *
 * <p>Every representation is lossless: {@code fromGraph(toGraph(v))} equals {@code v} for
 * every value of the type, extremes included. Where the "order kept" column says yes, Cypher's
 * {@code <}, {@code >} and {@code ORDER BY} on the stored property agree with the Java type's
 * natural order.
 *
 * <table>
 * <caption>Stored representations</caption>
 * <tr><th>Java type</th><th>Stored as</th><th>Example</th><th>Order kept?</th></tr>
 * <tr><td>any {@code enum}</td><td>String: {@link Enum#name()}; an unknown name fails with an
 *     {@code IllegalArgumentException} naming the enum and the name</td>
 *     <td>{@code "RED"}</td><td>No: sorts by name, not by ordinal</td></tr>
 * <tr><td>{@link java.util.UUID}</td><td>String: canonical lower-case form</td>
 *     <td>{@code "123e4567-e89b-12d3-a456-426614174000"}</td>
 *     <td>Unsigned (RFC 4122) order; {@code UUID.compareTo} compares signed halves, so it
 *     differs when a half has its top bit set</td></tr>
 * <tr><td>{@link java.math.BigDecimal}</td><td>String: {@code toString()}, scale kept
 *     ({@code 1.50} is not {@code 1.5}); may use an exponent</td>
 *     <td>{@code "1.50"}, {@code "1E+3"}</td><td>No</td></tr>
 * <tr><td>{@link java.math.BigInteger}</td><td>String: decimal</td><td>{@code "-123456789012345678901"}</td>
 *     <td>No</td></tr>
 * <tr><td>{@link java.net.URI}</td><td>String: {@code toString()}</td><td>{@code "https://example.com/a?b#c"}</td>
 *     <td>Text order, not {@code URI.compareTo}</td></tr>
 * <tr><td>{@link java.time.Instant}</td><td>String: UTC, always nine fractional digits</td>
 *     <td>{@code "2024-01-02T03:04:05.123456789Z"}</td><td>Yes for years 0000-9999</td></tr>
 * <tr><td>{@link java.time.LocalDate}</td><td>String: {@code yyyy-MM-dd}</td><td>{@code "2024-01-02"}</td>
 *     <td>Yes for years 0000-9999</td></tr>
 * <tr><td>{@link java.time.LocalDateTime}</td><td>String: nine fractional digits</td>
 *     <td>{@code "2024-01-02T03:04:05.000000000"}</td><td>Yes for years 0000-9999</td></tr>
 * <tr><td>{@link java.time.LocalTime}</td><td>String: {@code HH:mm:ss.nnnnnnnnn}</td>
 *     <td>{@code "23:59:59.999999999"}</td><td>Yes</td></tr>
 * <tr><td>{@link java.time.OffsetDateTime}</td><td>String: the instant as for {@code Instant},
 *     then the offset ({@code +00:00} for UTC)</td>
 *     <td>{@code "2024-01-02T01:04:05.000000000Z+02:00"} (03:04:05+02:00)</td>
 *     <td>By instant for years 0000-9999 (as {@code compareTo}); at one instant, by the
 *     offset's text</td></tr>
 * <tr><td>{@link java.time.ZonedDateTime}</td><td>String: as {@code OffsetDateTime}, then the
 *     zone id in brackets; read back at that instant in that zone</td>
 *     <td>{@code "2024-07-01T08:00:00.000000000Z+02:00[Europe/Paris]"}</td>
 *     <td>By instant for years 0000-9999; at one instant, by text</td></tr>
 * <tr><td>{@link java.time.Duration}</td><td>Long: total nanoseconds, if in
 *     [-2<sup>62</sup>, 2<sup>62</sup>) ns (about &plusmn;146 years); otherwise String: ISO-8601
 *     {@code toString()}</td><td>{@code 90000000000} (90 s), {@code "PT-2562047788015215H-30M-8S"}</td>
 *     <td>Yes within &plusmn;146 years (numeric); longer ones are strings and do not compare
 *     with the numbers. (The limit is 2<sup>62</sup>, not 2<sup>63</sup>, because FalkorDB
 *     compares integers by subtraction, which overflows for values further apart.)</td></tr>
 * <tr><td>{@link java.util.Locale}</td><td>String: BCP 47 language tag; a locale whose tag does
 *     not read back equal (ill-formed fields, {@code no_NO_NY}) is refused with an
 *     {@code IllegalArgumentException}</td><td>{@code "sr-Latn-RS"}, {@code "und"} (root)</td>
 *     <td>Text order</td></tr>
 * <tr><td>{@link java.util.Currency}</td><td>String: ISO 4217 code</td><td>{@code "EUR"}</td>
 *     <td>Yes (by code)</td></tr>
 * </table>
 *
 * <p>The java.time strings are ISO-8601 with a fixed width for years 0000 to 9999; other years
 * are written with a sign ({@code +10000-01-01}, {@code -0001-12-31}) and read back exactly,
 * but do not sort with the rest. When reading, other ISO-8601 spellings (fewer fractional
 * digits, as written by hand) are accepted too; they are read correctly but do not sort with
 * the fixed-width values.
 */
public final class StandardConverters {
    private StandardConverters() {
    }

    /**
     * A new instance of each standard converter, in the order of the table above; the same
     * converters {@link java.util.ServiceLoader} finds.
     *
     * @return an unmodifiable list of the 14 standard converters
     */
    public static List<ValueConverter<?>> all() {
        return List.of(
                new EnumConverter(),
                new UuidConverter(),
                new BigDecimalConverter(),
                new BigIntegerConverter(),
                new UriConverter(),
                new InstantConverter(),
                new LocalDateConverter(),
                new LocalDateTimeConverter(),
                new LocalTimeConverter(),
                new OffsetDateTimeConverter(),
                new ZonedDateTimeConverter(),
                new DurationConverter(),
                new LocaleConverter(),
                new CurrencyConverter());
    }
}
