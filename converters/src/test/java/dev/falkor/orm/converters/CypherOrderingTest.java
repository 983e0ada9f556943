package dev.falkor.orm.converters;

import dev.falkor.orm.testkit.GraphTest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.converters.internal.DurationConverter;
import dev.falkor.orm.converters.internal.InstantConverter;
import dev.falkor.orm.converters.internal.LocalDateConverter;
import dev.falkor.orm.converters.internal.LocalDateTimeConverter;
import dev.falkor.orm.converters.internal.LocalTimeConverter;
import dev.falkor.orm.converters.internal.OffsetDateTimeConverter;
import dev.falkor.orm.converters.internal.ZonedDateTimeConverter;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.ValueConverter;
import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.testkit.RandomCases;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Where the documentation says the order is kept, Cypher's ORDER BY and {@code <} on the
 * stored values agree with Java's order.
 */
class CypherOrderingTest extends GraphTest {
    private static final int N = 200;
    private static final long YEAR_0000 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_9999_END = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private final RandomCases cases = RandomCases.create();

    /**
     * Stores the values under label Ord with type tag {@code t}, reads them back sorted by the
     * server, and compares with the Java sort; then checks {@code n.v < $pivot} for a few pivots.
     */
    private <T> void assertOrderKept(String t, ValueConverter<T> converter, List<T> values, Comparator<? super T> order) {
        List<Object> stored = values.stream().map(converter::toGraph).collect(Collectors.toList());
        transport.execute(GraphQuery.write(graph, "UNWIND $vs AS v CREATE (:Ord {t: $t, v: v})", Map.of("vs", stored, "t", t)));

        List<T> fromServer = new ArrayList<>();
        for (List<GraphValue> row : transport.execute(GraphQuery.read(graph,
                "MATCH (n:Ord {t: $t}) RETURN n.v ORDER BY n.v", Map.of("t", t))).rows()) {
            fromServer.add(converter.fromGraph(row.get(0).asJava(), converter.javaType()));
        }
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(order);
        assertEquals(sorted, fromServer, cases.describe(t + ": ORDER BY n.v differs from the Java order"));

        Random r = cases.random();
        for (int i = 0; i < 5; i++) {
            T pivot = values.get(r.nextInt(values.size()));
            long javaCount = values.stream().filter(v -> order.compare(v, pivot) < 0).count();
            Object serverCount = transport.execute(GraphQuery.read(graph,
                    "MATCH (n:Ord {t: $t}) WHERE n.v < $p RETURN count(n)", Map.of("t", t, "p", converter.toGraph(pivot))))
                    .scalar().asJava();
            assertEquals(javaCount, serverCount, cases.describe(t + ": n.v < " + pivot));
        }
    }

    private <T> List<T> generate(Function<Random, T> generator) {
        Random r = cases.random();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            values.add(generator.apply(r));
        }
        return values;
    }

    private static long between(Random r, long min, long max) {
        return min + Math.floorMod(r.nextLong(), max - min + 1);
    }

    private static Instant randomInstant(Random r) {
        // mostly anywhere in 0000..9999, sometimes clustered so that only the nanoseconds differ
        if (r.nextInt(4) == 0) {
            return Instant.ofEpochSecond(1_700_000_000L + r.nextInt(3), r.nextInt(1_000_000_000));
        }
        return Instant.ofEpochSecond(between(r, YEAR_0000, YEAR_9999_END), r.nextInt(1_000_000_000));
    }

    @Test
    void instants() {
        List<Instant> values = generate(CypherOrderingTest::randomInstant);
        values.addAll(List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.EPOCH.plusNanos(1)));
        assertOrderKept("instant", new InstantConverter(), values, Comparator.naturalOrder());
    }

    @Test
    void localDates() {
        List<LocalDate> values = generate(r -> LocalDate.ofEpochDay(
                between(r, LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())));
        values.addAll(List.of(LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(999, 12, 31), LocalDate.of(1000, 1, 1)));
        assertOrderKept("localdate", new LocalDateConverter(), values, Comparator.naturalOrder());
    }

    @Test
    void localDateTimes() {
        List<LocalDateTime> values = generate(r -> LocalDateTime.ofEpochSecond(between(r, YEAR_0000, YEAR_9999_END),
                r.nextInt(1_000_000_000), ZoneOffset.UTC));
        values.addAll(List.of(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1),
                LocalDateTime.of(2024, 1, 1, 0, 0, 0, 100_000_000), LocalDateTime.of(2024, 1, 1, 0, 0, 1)));
        assertOrderKept("localdatetime", new LocalDateTimeConverter(), values, Comparator.naturalOrder());
    }

    @Test
    void localTimes() {
        List<LocalTime> values = generate(r -> LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)));
        values.addAll(List.of(LocalTime.MIN, LocalTime.MAX, LocalTime.ofNanoOfDay(1), LocalTime.of(0, 0, 0, 100_000_000)));
        assertOrderKept("localtime", new LocalTimeConverter(), values, Comparator.naturalOrder());
    }

    @Test
    void durations() {
        // the numeric range: [-2^62, 2^62) ns; values spread over all of it, and small ones
        long lo = -(1L << 62);
        long hi = (1L << 62) - 1;
        List<Duration> values = generate(r -> r.nextBoolean() ? Duration.ofNanos(r.nextLong() >> 1)
                : Duration.ofNanos(r.nextInt()));
        values.addAll(List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(-1),
                Duration.ofNanos(lo), Duration.ofNanos(hi), Duration.ofNanos(lo + 1), Duration.ofNanos(hi - 1)));
        values.forEach(d -> assertEquals(Long.class, new DurationConverter().toGraph(d).getClass(), d.toString()));
        assertOrderKept("duration", new DurationConverter(), values, Comparator.naturalOrder());
    }

    @Test
    void serverComparesIntegersBySubtraction() {
        // The FalkorDB behaviour that limits Durations stored as numbers to [-2^62, 2^62). If a
        // server version fixes it, this fails, and the limit could be widened to the long range.
        Object r = transport.execute(GraphQuery.read(graph, "RETURN $a < $b, $c < $d",
                Map.of("a", Long.MIN_VALUE, "b", 1000L, "c", -(1L << 62), "d", (1L << 62) - 1))).rows().get(0)
                .stream().map(GraphValue::asJava).collect(Collectors.toList());
        assertEquals(List.of(false, true), r);
    }

    @Test
    void offsetDateTimesSortByInstant() {
        // distinct instants: at one instant the order is by offset text, which is documented as not kept
        List<OffsetDateTime> values = new ArrayList<>();
        for (Instant i : generate(CypherOrderingTest::randomInstant).stream().distinct().collect(Collectors.toList())) {
            OffsetDateTime odt = i.atOffset(ZoneOffset.ofTotalSeconds(cases.random().nextInt(2 * 64800 + 1) - 64800));
            if (odt.getYear() >= 0 && odt.getYear() <= 9999) {
                values.add(odt);
            }
        }
        assertOrderKept("offsetdatetime", new OffsetDateTimeConverter(), values, Comparator.naturalOrder());
    }

    @Test
    void zonedDateTimesSortByInstant() {
        List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
        zones.sort(null);
        List<ZonedDateTime> values = new ArrayList<>();
        for (Instant i : generate(CypherOrderingTest::randomInstant).stream().distinct().collect(Collectors.toList())) {
            values.add(i.atZone(ZoneId.of(zones.get(cases.random().nextInt(zones.size())))));
        }
        assertOrderKept("zoneddatetime", new ZonedDateTimeConverter(), values,
                Comparator.comparing(ZonedDateTime::toInstant));
    }
}
