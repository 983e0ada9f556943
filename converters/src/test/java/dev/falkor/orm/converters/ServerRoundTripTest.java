package dev.falkor.orm.converters;

import dev.falkor.orm.testkit.GraphTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.ValueConverter;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.testkit.RandomCases;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Every converter, edge values and random values: toGraph, stored as a node property through
 * a query parameter on the real server, read back with a plain MATCH, fromGraph, compared.
 */
class ServerRoundTripTest extends GraphTest {
    private static final int RANDOM_CASES = 300;
    private final AtomicLong keys = new AtomicLong();
    private final RandomCases cases = RandomCases.create();

    enum Color { RED, GREEN, BLUE }

    enum Op {
        PLUS { @Override int apply(int a, int b) { return a + b; } },
        MINUS { @Override int apply(int a, int b) { return a - b; } };

        abstract int apply(int a, int b);
    }

    enum Single { ONLY }

    /** One value: one CREATE with the value as a parameter, one MATCH reading it back. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> void roundTrip(ValueConverter<T> converter, T value, Class<?> targetType) {
        Object stored = converter.toGraph(value);
        assertNotNull(stored, () -> "stored form of " + value);
        if (converter.storedType() != Object.class) {
            assertInstanceOf(converter.storedType(), stored, () -> "stored type of " + value);
        }
        String key = "k" + keys.incrementAndGet();
        Map<String, Object> params = new HashMap<>();
        params.put("key", key);
        params.put("v", stored);
        transport.execute(GraphQuery.write(graph, "CREATE (n:Conv {k: $key, v: $v})", params));
        GraphValue read = transport.execute(GraphQuery.read(graph, "MATCH (n:Conv {k: $key}) RETURN n.v",
                Map.of("key", key))).scalar();
        Object back = read.asJava();
        assertEquals(stored, back, () -> "the server changed the stored form of " + value);
        T restored = converter.fromGraph(back, targetType);
        assertEquals(value, restored, () -> "round trip of " + value + " stored as " + stored);
        if (value instanceof BigDecimal bd) {
            assertEquals(bd.scale(), ((BigDecimal) restored).scale());
        }
    }

    private <T> void roundTripAll(ValueConverter<T> converter, List<? extends T> values, Class<?> targetType) {
        for (T value : values) {
            roundTrip(converter, value, targetType);
        }
    }

    /** Many values in one UNWIND, read back by key. */
    private <T> void roundTripBatch(ValueConverter<T> converter, List<? extends T> values, Class<?> targetType) {
        String prefix = "b" + keys.incrementAndGet() + "_";
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, T> expected = new LinkedHashMap<>();
        Map<String, Object> storedByKey = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String key = prefix + i;
            T value = values.get(i);
            Object stored = converter.toGraph(value);
            expected.put(key, value);
            storedByKey.put(key, stored);
            rows.add(Map.of("k", key, "v", stored));
        }
        transport.execute(GraphQuery.write(graph, "UNWIND $rows AS r CREATE (n:Conv {k: r.k, v: r.v})",
                Map.of("rows", rows)));
        QueryResult result = transport.execute(GraphQuery.read(graph,
                "MATCH (n:Conv) WHERE n.k STARTS WITH $prefix RETURN n.k, n.v", Map.of("prefix", prefix)));
        assertEquals(values.size(), result.rows().size(), cases.describe("rows read back"));
        for (List<GraphValue> row : result.rows()) {
            String key = (String) row.get(0).asJava();
            Object back = row.get(1).asJava();
            T value = expected.get(key);
            assertEquals(storedByKey.get(key), back, cases.describe("server changed the stored form of " + value));
            T restored = converter.fromGraph(back, targetType);
            assertEquals(value, restored, cases.describe("round trip of " + value + " stored as " + back));
        }
    }

    @Test
    void enums() {
        EnumConverter c = new EnumConverter();
        roundTripAll(c, List.of(Color.RED, Color.GREEN, Color.BLUE), Color.class);
        roundTripAll(c, List.of(Op.PLUS, Op.MINUS), Op.class);
        roundTrip(c, Op.PLUS, Op.PLUS.getClass()); // a constant body's own class as the target
        roundTrip(c, Single.ONLY, Single.class);
        roundTrip(c, java.time.DayOfWeek.SUNDAY, java.time.DayOfWeek.class);
    }

    @Test
    void uuids() {
        UuidConverter c = new UuidConverter();
        roundTripAll(c, List.of(new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, Long.MAX_VALUE),
                UUID.fromString("123E4567-E89B-12D3-A456-426614174000"), UUID.nameUUIDFromBytes(new byte[] {1})), UUID.class);
        Random r = cases.random();
        List<UUID> random = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            random.add(new UUID(r.nextLong(), r.nextLong()));
        }
        roundTripBatch(c, random, UUID.class);
    }

    @Test
    void bigDecimals() {
        BigDecimalConverter c = new BigDecimalConverter();
        BigInteger big = BigInteger.TWO.pow(200).add(BigInteger.ONE);
        roundTripAll(c, List.of(BigDecimal.ZERO, new BigDecimal("0.000"), new BigDecimal(BigInteger.ZERO, 10),
                new BigDecimal(BigInteger.ZERO, -5), new BigDecimal("1.50"), new BigDecimal("1.5"), new BigDecimal("-1.5"),
                new BigDecimal(BigInteger.ONE, -3), new BigDecimal("0.1"), new BigDecimal("1E-7"),
                new BigDecimal(big, 37), new BigDecimal(big.negate(), -37), new BigDecimal("123456789012345678901234567890.123456789"),
                new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE), new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE),
                new BigDecimal(BigInteger.ZERO, Integer.MIN_VALUE), new BigDecimal(BigInteger.TEN.pow(30).negate(), Integer.MIN_VALUE),
                new BigDecimal(BigInteger.TEN.pow(30).negate(), Integer.MIN_VALUE + 1),
                new BigDecimal(big, Integer.MAX_VALUE)), BigDecimal.class);
        Random r = cases.random();
        List<BigDecimal> random = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            BigInteger unscaled = new BigInteger(1 + r.nextInt(300), r);
            random.add(new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), r.nextInt(81) - 40));
        }
        roundTripBatch(c, random, BigDecimal.class);
    }

    @Test
    void bigIntegers() {
        BigIntegerConverter c = new BigIntegerConverter();
        BigInteger two64 = BigInteger.TWO.pow(64);
        roundTripAll(c, List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(), two64, two64.negate(),
                BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                BigInteger.TWO.pow(1000).add(BigInteger.ONE), BigInteger.TWO.pow(1000).negate()), BigInteger.class);
    }

    @Test
    void uris() {
        UriConverter c = new UriConverter();
        roundTripAll(c, List.of(URI.create("https://user:pw@example.com:8443/a%20b/c?q=1&r=%C3%A9#frag"),
                URI.create("mailto:a@b.c"), URI.create("urn:isbn:0451450523"), URI.create("../x/./y"), URI.create(""),
                URI.create("http://[::1]:80/"), URI.create("file:///tmp/x%27y"), URI.create("https://例え.テスト/パス?q=é"),
                URI.create("#only-fragment"), URI.create("s3://bucket/key'%22%5C"), URI.create("http://h/a'b;c=d,e")), URI.class);
    }

    @Test
    void instants() {
        InstantConverter c = new InstantConverter();
        roundTripAll(c, List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.EPOCH.plusNanos(1),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T12:34:56.123456789Z"), Instant.parse("2016-12-31T23:59:59Z")), Instant.class);
        Random r = cases.random();
        List<Instant> random = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            long sec = Instant.MIN.getEpochSecond()
                    + Math.floorMod(r.nextLong(), Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond() + 1);
            random.add(Instant.ofEpochSecond(sec, r.nextInt(1_000_000_000)));
        }
        roundTripBatch(c, random, Instant.class);
    }

    @Test
    void localDates() {
        LocalDateConverter c = new LocalDateConverter();
        roundTripAll(c, List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH, LocalDate.of(2024, 2, 29),
                LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(-1, 12, 31), LocalDate.of(10000, 1, 1),
                LocalDate.of(999, 1, 1)), LocalDate.class);
        Random r = cases.random();
        List<LocalDate> random = new ArrayList<>();
        long min = LocalDate.MIN.toEpochDay();
        long max = LocalDate.MAX.toEpochDay();
        for (int i = 0; i < RANDOM_CASES; i++) {
            random.add(LocalDate.ofEpochDay(min + Math.floorMod(r.nextLong(), max - min + 1)));
        }
        roundTripBatch(c, random, LocalDate.class);
    }

    @Test
    void localDateTimes() {
        LocalDateTimeConverter c = new LocalDateTimeConverter();
        roundTripAll(c, List.of(LocalDateTime.MIN, LocalDateTime.MAX, LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2024, 3, 31, 2, 30, 0, 1), LocalDateTime.of(0, 1, 1, 0, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(-5, 6, 7, 8, 9, 10, 11)),
                LocalDateTime.class);
        Random r = cases.random();
        List<LocalDateTime> random = new ArrayList<>();
        long min = LocalDate.MIN.toEpochDay();
        long max = LocalDate.MAX.toEpochDay();
        for (int i = 0; i < RANDOM_CASES; i++) {
            random.add(LocalDateTime.of(LocalDate.ofEpochDay(min + Math.floorMod(r.nextLong(), max - min + 1)),
                    LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L))));
        }
        roundTripBatch(c, random, LocalDateTime.class);
    }

    @Test
    void localTimes() {
        LocalTimeConverter c = new LocalTimeConverter();
        roundTripAll(c, List.of(LocalTime.MIN, LocalTime.MAX, LocalTime.NOON, LocalTime.ofNanoOfDay(1),
                LocalTime.of(23, 59, 59), LocalTime.of(1, 2, 3, 400_000_000)), LocalTime.class);
        Random r = cases.random();
        List<LocalTime> random = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            random.add(LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)));
        }
        roundTripBatch(c, random, LocalTime.class);
    }

    @Test
    void offsetDateTimes() {
        OffsetDateTimeConverter c = new OffsetDateTimeConverter();
        LocalDateTime t = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789);
        roundTripAll(c, List.of(OffsetDateTime.MIN, OffsetDateTime.MAX, t.atOffset(ZoneOffset.UTC),
                t.atOffset(ZoneOffset.MAX), t.atOffset(ZoneOffset.MIN), t.atOffset(ZoneOffset.ofHoursMinutes(5, 30)),
                t.atOffset(ZoneOffset.ofHoursMinutesSeconds(-1, -2, -3)), t.atOffset(ZoneOffset.ofHoursMinutesSeconds(0, 0, 1)),
                LocalDateTime.MIN.atOffset(ZoneOffset.MIN), LocalDateTime.MAX.atOffset(ZoneOffset.MAX),
                LocalDateTime.of(-3, 1, 1, 0, 0).atOffset(ZoneOffset.ofHours(2))), OffsetDateTime.class);
        Random r = cases.random();
        List<OffsetDateTime> random = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            random.add(randomLocalDateTime(r).atOffset(ZoneOffset.ofTotalSeconds(r.nextInt(2 * 64800 + 1) - 64800)));
        }
        roundTripBatch(c, random, OffsetDateTime.class);
    }

    @Test
    void zonedDateTimes() {
        ZonedDateTimeConverter c = new ZonedDateTimeConverter();
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZoneId newYork = ZoneId.of("America/New_York");
        ZonedDateTime overlap = LocalDateTime.of(2024, 11, 3, 1, 30).atZone(newYork);
        ZonedDateTime overlapParis = LocalDateTime.of(2024, 10, 27, 2, 30, 0, 1).atZone(paris);
        List<ZonedDateTime> values = List.of(
                LocalDateTime.of(2024, 7, 1, 10, 0).atZone(paris),
                LocalDateTime.of(2024, 1, 1, 10, 0).atZone(paris),
                LocalDateTime.of(2024, 3, 31, 2, 30).atZone(paris), // in the spring gap: moved to 03:30
                overlap.withEarlierOffsetAtOverlap(), overlap.withLaterOffsetAtOverlap(),
                overlapParis.withEarlierOffsetAtOverlap(), overlapParis.withLaterOffsetAtOverlap(),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6).atZone(ZoneOffset.UTC),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6).atZone(ZoneId.of("UTC")),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6).atZone(ZoneId.of("GMT")),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6).atZone(ZoneId.of("Etc/GMT-14")),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6).atZone(ZoneOffset.ofHours(2)),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6).atZone(ZoneId.of("UTC+01:30")),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6).atZone(ZoneId.of("Asia/Kathmandu")),
                LocalDateTime.of(2024, 4, 7, 1, 45).atZone(ZoneId.of("Australia/Lord_Howe")).withLaterOffsetAtOverlap(),
                LocalDateTime.of(2024, 4, 7, 1, 45).atZone(ZoneId.of("Australia/Lord_Howe")).withEarlierOffsetAtOverlap(),
                LocalDateTime.of(1900, 1, 1, 0, 0).atZone(paris), // local mean time offset with seconds
                LocalDateTime.MIN.atZone(ZoneOffset.MAX), LocalDateTime.MAX.atZone(ZoneOffset.MIN),
                LocalDateTime.MIN.atZone(paris), LocalDateTime.MAX.atZone(newYork));
        assertNotEquals(values.get(3).getOffset(), values.get(4).getOffset(), "the overlap test needs two offsets");
        roundTripAll(c, values, ZonedDateTime.class);
        Random r = cases.random();
        List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
        zones.sort(null);
        List<ZonedDateTime> random = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            ZonedDateTime z = LocalDateTime.of(1800 + r.nextInt(400), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                    r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000_000)).atZone(ZoneId.of(zones.get(r.nextInt(zones.size()))));
            random.add(r.nextBoolean() ? z.withLaterOffsetAtOverlap() : z);
        }
        roundTripBatch(c, random, ZonedDateTime.class);
    }

    @Test
    void durations() {
        DurationConverter c = new DurationConverter();
        List<Duration> values = List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(-1),
                Duration.ofNanos(Long.MAX_VALUE), Duration.ofNanos(Long.MIN_VALUE),
                Duration.ofNanos(1L << 62), Duration.ofNanos((1L << 62) - 1),
                Duration.ofNanos(-(1L << 62)), Duration.ofNanos(-(1L << 62) - 1),
                Duration.ofNanos(Long.MAX_VALUE).plusNanos(1), Duration.ofNanos(Long.MIN_VALUE).minusNanos(1),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE),
                Duration.ofSeconds(Long.MIN_VALUE, 1), Duration.ofDays(-3).plusNanos(5), Duration.ofHours(25).plusMillis(1),
                Duration.ofSeconds(-1, 1));
        roundTripAll(c, values, Duration.class);
        assertEquals(-(1L << 62), c.toGraph(Duration.ofNanos(-(1L << 62))));
        assertEquals((1L << 62) - 1, c.toGraph(Duration.ofNanos((1L << 62) - 1)));
        assertInstanceOf(String.class, c.toGraph(Duration.ofNanos(-(1L << 62) - 1)));
        assertInstanceOf(String.class, c.toGraph(Duration.ofNanos(1L << 62)));
        assertInstanceOf(String.class, c.toGraph(Duration.ofNanos(Long.MIN_VALUE)));
        Random r = cases.random();
        List<Duration> random = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            random.add(i % 2 == 0 ? Duration.ofNanos(r.nextLong()) : Duration.ofSeconds(r.nextLong(), r.nextInt(1_000_000_000)));
        }
        roundTripBatch(c, random, Duration.class);
    }

    @Test
    @SuppressWarnings("deprecation")
    void locales() {
        LocaleConverter c = new LocaleConverter();
        roundTripAll(c, List.of(Locale.ROOT, Locale.US, Locale.forLanguageTag("sr-Latn-RS"), Locale.forLanguageTag("zh-Hant-TW"),
                new Locale("ja", "JP", "JP"), new Locale("th", "TH", "TH"), new Locale("de", "DE", "1901_1996"),
                new Locale("en", "US", "POSIX"), new Locale("en", "US", "WIN_X"), Locale.forLanguageTag("de-DE-u-co-phonebk"),
                Locale.forLanguageTag("en-x-private"), new Locale("iw"), new Locale("", "FR"),
                Locale.forLanguageTag("es-419")), Locale.class);
        List<Locale> available = new ArrayList<>();
        for (Locale l : Locale.getAvailableLocales()) {
            if (Locale.forLanguageTag(l.toLanguageTag()).equals(l)) {
                available.add(l);
            }
        }
        assertTrue(available.size() > 100);
        roundTripBatch(c, available, Locale.class);
    }

    @Test
    void currencies() {
        roundTripBatch(new CurrencyConverter(), new ArrayList<>(Currency.getAvailableCurrencies()), Currency.class);
    }

    private static LocalDateTime randomLocalDateTime(Random r) {
        return LocalDateTime.of(LocalDate.ofEpochDay(LocalDate.of(-5000, 1, 1).toEpochDay() + r.nextInt(20000 * 365)),
                LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)));
    }

    @Test
    void storedTextIsTheDocumentedOne() {
        // Not through the server: the exact strings the StandardConverters table shows.
        assertEquals("2024-01-02T03:04:05.123456789Z",
                new InstantConverter().toGraph(Instant.parse("2024-01-02T03:04:05.123456789Z")));
        assertEquals("2024-01-02T03:04:05.000000000Z", new InstantConverter().toGraph(Instant.parse("2024-01-02T03:04:05Z")));
        assertEquals("2024-01-02", new LocalDateConverter().toGraph(LocalDate.of(2024, 1, 2)));
        assertEquals("+10000-01-01", new LocalDateConverter().toGraph(LocalDate.of(10000, 1, 1)));
        assertEquals("-0001-12-31", new LocalDateConverter().toGraph(LocalDate.of(-1, 12, 31)));
        assertEquals("2024-01-02T03:04:05.000000000", new LocalDateTimeConverter().toGraph(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
        assertEquals("00:00:00.000000000", new LocalTimeConverter().toGraph(LocalTime.MIDNIGHT));
        assertEquals("2024-01-02T01:04:05.000000000Z+02:00",
                new OffsetDateTimeConverter().toGraph(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))));
        assertEquals("2024-01-02T03:04:05.000000000Z+00:00",
                new OffsetDateTimeConverter().toGraph(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)));
        assertEquals("2024-07-01T08:00:00.000000000Z+02:00[Europe/Paris]",
                new ZonedDateTimeConverter().toGraph(ZonedDateTime.of(2024, 7, 1, 10, 0, 0, 0, ZoneId.of("Europe/Paris"))));
        assertEquals(90_000_000_000L, new DurationConverter().toGraph(Duration.ofSeconds(90)));
        assertEquals("PT-2562047788015215H-30M-8S", new DurationConverter().toGraph(Duration.ofSeconds(Long.MIN_VALUE)));
        assertEquals("123e4567-e89b-12d3-a456-426614174000",
                new UuidConverter().toGraph(UUID.fromString("123E4567-E89B-12D3-A456-426614174000")));
        assertEquals("1.50", new BigDecimalConverter().toGraph(new BigDecimal("1.50")));
        assertEquals("sr-Latn-RS", new LocaleConverter().toGraph(Locale.forLanguageTag("sr-Latn-RS")));
        assertEquals("und", new LocaleConverter().toGraph(Locale.ROOT));
        assertEquals("EUR", new CurrencyConverter().toGraph(Currency.getInstance("EUR")));
        assertEquals("GREEN", new EnumConverter().toGraph(Color.GREEN));
    }

    @Test
    void handWrittenIsoTextIsReadToo() {
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), new InstantConverter().fromGraph("2024-01-02T03:04:05Z", Instant.class));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4), new LocalDateTimeConverter().fromGraph("2024-01-02T03:04", LocalDateTime.class));
        assertEquals(LocalTime.of(3, 4, 5, 500_000_000), new LocalTimeConverter().fromGraph("03:04:05.5", LocalTime.class));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
                new OffsetDateTimeConverter().fromGraph("2024-01-02T03:04:05+02:00", OffsetDateTime.class));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                new OffsetDateTimeConverter().fromGraph("2024-01-02T03:04:05Z", OffsetDateTime.class));
        assertEquals(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Zurich")),
                new ZonedDateTimeConverter().fromGraph("2024-01-02T03:04:05+01:00[Europe/Zurich]", ZonedDateTime.class));
    }
}
