package dev.falkor.orm.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.spi.ValueConverter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceDiscoveryTest {
    private static final List<Class<?>> TYPES = List.of(DayOfWeek.class, UUID.class, BigDecimal.class, BigInteger.class,
            URI.class, Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class,
            ZonedDateTime.class, Duration.class, Locale.class, Currency.class);

    @Test
    @SuppressWarnings("rawtypes")
    void serviceLoaderFindsEveryStandardConverter() {
        List<ValueConverter> loaded = ServiceLoader.load(ValueConverter.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());
        Set<Class<?>> loadedClasses = loaded.stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> standard = StandardConverters.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(14, standard.size());
        assertEquals(standard, loadedClasses);
        assertEquals(14, loaded.size(), "each converter listed once");
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void exactlyOneConverterPerTypeAllBuiltInPriority() {
        List<ValueConverter<?>> all = StandardConverters.all();
        for (Class<?> type : TYPES) {
            List<ValueConverter<?>> supporting = all.stream().filter(c -> c.supports(type)).collect(Collectors.toList());
            assertEquals(1, supporting.size(), () -> type + " is supported by " + supporting);
        }
        Set<Class<?>> seen = new HashSet<>();
        for (ValueConverter c : all) {
            assertEquals(ValueConverter.BUILT_IN_PRIORITY, c.priority(), c.getClass().getName());
            assertTrue(seen.add(c.javaType()), "one converter per Java type");
            assertFalse(c.getClass().getPackageName().equals(StandardConverters.class.getPackageName()),
                    "implementations live in the internal package");
        }
    }

    @Test
    void enumConverterSupportsEnumsOnly() {
        ValueConverter<?> enums = StandardConverters.all().get(0);
        assertTrue(enums.supports(DayOfWeek.class));
        assertTrue(enums.supports(ServerRoundTripTest.Op.PLUS.getClass()), "a constant with a body");
        assertFalse(enums.supports(Enum.class));
        assertFalse(enums.supports(String.class));
        assertFalse(enums.supports(Object.class));
    }
}
