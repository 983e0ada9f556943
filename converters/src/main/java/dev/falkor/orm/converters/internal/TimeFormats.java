package dev.falkor.orm.converters.internal;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalQuery;
import java.util.Locale;

/**
 * The fixed-width ISO-8601 formats of the java.time converters. Every time of day has all
 * nine fractional digits, so for years 0000 to 9999 the text sorts like the value. Years
 * outside that range are written ISO-style with a sign ({@code +10000}, {@code -0001}).
 */
final class TimeFormats {
    private TimeFormats() {
    }

    /** {@code HH:mm:ss.nnnnnnnnn}. */
    static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .appendValue(HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(SECOND_OF_MINUTE, 2)
            .appendFraction(NANO_OF_SECOND, 9, 9, true)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);

    /** {@code yyyy-MM-dd}, years beyond 0000..9999 with a sign. */
    static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnn}. */
    static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE).appendLiteral('T').append(LOCAL_TIME)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);

    /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ} in UTC; covers {@link Instant#MIN} to {@link Instant#MAX}. */
    static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder().appendInstant(9)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /**
     * Parses with the fixed format; text in another ISO-8601 form (written by hand, for
     * example) is read with {@code fallback}.
     */
    static <T> T parse(String text, DateTimeFormatter fixed, TemporalQuery<T> query,
                       java.util.function.Function<String, T> fallback) {
        try {
            return fixed.parse(text, query);
        } catch (DateTimeParseException e) {
            try {
                return fallback.apply(text);
            } catch (DateTimeParseException ignored) {
                throw e;
            }
        }
    }

    /** An offset as {@code +HH:MM} or {@code +HH:MM:SS}; zero is {@code +00:00}, never {@code Z}. */
    static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }

    /**
     * Splits {@code <instant>Z<rest>} at the {@code Z} that ends the instant, or returns -1.
     */
    static int instantEnd(String text) {
        return text.indexOf('Z');
    }
}
