package dev.falkor.orm.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.converters.internal.BigDecimalConverter;
import dev.falkor.orm.converters.internal.CurrencyConverter;
import dev.falkor.orm.converters.internal.DurationConverter;
import dev.falkor.orm.converters.internal.EnumConverter;
import dev.falkor.orm.converters.internal.InstantConverter;
import dev.falkor.orm.converters.internal.LocalDateConverter;
import dev.falkor.orm.converters.internal.LocaleConverter;
import dev.falkor.orm.converters.internal.UuidConverter;
import dev.falkor.orm.converters.internal.ZonedDateTimeConverter;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConverterErrorsTest {

    @Test
    void unknownEnumNameNamesTheEnumAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnumConverter().fromGraph("FUNDAY", DayOfWeek.class));
        assertTrue(e.getMessage().contains("java.time.DayOfWeek"), e.getMessage());
        assertTrue(e.getMessage().contains("FUNDAY"), e.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> new EnumConverter().fromGraph("red", ServerRoundTripTest.Color.class));
        assertTrue(nested.getMessage().contains(ServerRoundTripTest.Color.class.getName()), nested.getMessage());
        assertTrue(nested.getMessage().contains("\"red\""), nested.getMessage());
    }

    @Test
    void enumNeedsAnEnumTargetAndAString() {
        assertThrows(IllegalArgumentException.class, () -> new EnumConverter().fromGraph("MONDAY", String.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnumConverter().fromGraph(1L, DayOfWeek.class));
        assertTrue(e.getMessage().contains("string"), e.getMessage());
    }

    @Test
    @SuppressWarnings("deprecation")
    void localesThatCannotRoundTripAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LocaleConverter().toGraph(new Locale("no", "NO", "NY")));
        assertTrue(e.getMessage().contains("no_NO_NY"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LocaleConverter().toGraph(new Locale("x y")));
        assertThrows(IllegalArgumentException.class, () -> new LocaleConverter().fromGraph("en_US", Locale.class));
    }

    @Test
    void badStoredValuesGiveIllegalArgumentNamingTheType() {
        assertMessage("java.util.UUID", () -> new UuidConverter().fromGraph("not-a-uuid", null));
        assertMessage("java.util.UUID", () -> new UuidConverter().fromGraph(42L, null));
        assertMessage("java.math.BigDecimal", () -> new BigDecimalConverter().fromGraph("1.2.3", null));
        assertMessage("java.math.BigDecimal", () -> new BigDecimalConverter().fromGraph("1E+99999999999", null));
        assertMessage("java.time.Instant", () -> new InstantConverter().fromGraph("2024-13-01T00:00:00.000000000Z", Instant.class));
        assertMessage("java.time.LocalDate", () -> new LocalDateConverter().fromGraph("2023-02-29", LocalDate.class));
        assertMessage("java.time.ZonedDateTime",
                () -> new ZonedDateTimeConverter().fromGraph("2024-01-01T00:00:00.000000000Z+01:00[Nowhere/Land]", ZonedDateTime.class));
        assertMessage("java.time.Duration", () -> new DurationConverter().fromGraph(1.5, null));
        assertMessage("java.time.Duration", () -> new DurationConverter().fromGraph("P1Q", null));
        assertMessage("java.util.Currency", () -> new CurrencyConverter().fromGraph("XYZW", null));
    }

    @Test
    void nullIsStoredAsNull() {
        for (var c : StandardConverters.all()) {
            @SuppressWarnings("unchecked")
            var raw = (dev.falkor.orm.spi.ValueConverter<Object>) c;
            assertEquals(null, raw.toGraph(null), c.getClass().getName());
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
