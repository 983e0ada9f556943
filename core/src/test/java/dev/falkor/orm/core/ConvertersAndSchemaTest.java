package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Convert;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.spi.ValueConverter;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.StringValue;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Converter precedence, per-field converters, collections of converted types, schema modes. */
class ConvertersAndSchemaTest extends GraphTestSupport {

    enum Level { LOW, HIGH }

    /** Stores UUIDs upper-case: registered on the builder, it must beat the built-in one. */
    public static final class UpperUuid implements ValueConverter<UUID> {
        @Override
        public Class<UUID> javaType() {
            return UUID.class;
        }

        @Override
        public Object toGraph(UUID value) {
            return value.toString().toUpperCase(Locale.ROOT);
        }

        @Override
        public UUID fromGraph(Object graphValue, Class<?> targetType) {
            return UUID.fromString(((String) graphValue).toLowerCase(Locale.ROOT));
        }
    }

    /** Stores a string reversed; chosen for one field with @Convert. */
    public static final class Reversed implements ValueConverter<String> {
        @Override
        public Class<String> javaType() {
            return String.class;
        }

        @Override
        public Object toGraph(String value) {
            return new StringBuilder(value).reverse().toString();
        }

        @Override
        public String fromGraph(Object graphValue, Class<?> targetType) {
            return new StringBuilder((String) graphValue).reverse().toString();
        }
    }

    @Node
    static class Ticket {
        @Id UUID id;
        @Convert(Reversed.class) String secret;
        String plain;
        Level level;
        List<LocalDate> dates;
        Set<UUID> related;
        List<Level> history;
        BigDecimal price;
        Instant at;
    }

    interface TicketRepository extends Repository<Ticket, UUID> {
        List<Ticket> findByLevel(Level level);
    }

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.converter(new UpperUuid());
    }

    @Test
    void builderConvertersWinAndConvertPicksPerField() {
        TicketRepository tickets = orm.repository(TicketRepository.class);
        Ticket t = new Ticket();
        t.id = UUID.randomUUID();
        t.secret = "abc";
        t.plain = "abc";
        t.level = Level.HIGH;
        t.dates = List.of(LocalDate.of(2024, 2, 29), LocalDate.of(1999, 12, 31));
        t.related = new LinkedHashSet<>(List.of(UUID.randomUUID(), UUID.randomUUID()));
        t.history = List.of(Level.LOW, Level.HIGH, Level.LOW);
        t.price = new BigDecimal("12.3400");
        t.at = Instant.parse("2024-05-06T07:08:09.123456789Z");
        tickets.save(t);

        NodeValue n = (NodeValue) scalar("MATCH (t:Ticket) RETURN t", Map.of());
        assertEquals(new StringValue(t.id.toString().toUpperCase(Locale.ROOT)), n.property("id"), "builder converter wins");
        assertEquals(new StringValue("cba"), n.property("secret"), "@Convert applies to its field");
        assertEquals(new StringValue("abc"), n.property("plain"), "and only to its field");
        assertEquals(new StringValue("HIGH"), n.property("level"));
        assertEquals(new ListValue(List.of(new StringValue("2024-02-29"), new StringValue("1999-12-31"))), n.property("dates"));
        assertEquals(new StringValue("12.3400"), n.property("price"));

        Ticket back = tickets.findById(t.id).orElseThrow();
        assertEquals("abc", back.secret);
        assertEquals(t.dates, back.dates);
        assertEquals(t.related, back.related);
        assertEquals(t.history, back.history);
        assertEquals(t.price, back.price);
        assertEquals(t.at, back.at);
        assertEquals(1, tickets.findByLevel(Level.HIGH).size(), "query arguments use the same converters");
        assertTrue(tickets.findByLevel(Level.LOW).isEmpty());
    }

    @Node
    static class Audited {
        @Id String code;
    }

    @Test
    void validateModeReportsMissingIndexes() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> FalkorOrm.builder()
                .transport(transport).graph(graph + "_validate").lookup(MethodHandles.lookup())
                .schemaMode(SchemaMode.VALIDATE).entities(Audited.class).build());
        assertTrue(e.getMessage().contains("Audited") && e.getMessage().contains("CREATE INDEX"), e.getMessage());
        try (FalkorOrm created = FalkorOrm.builder().transport(transport).graph(graph + "_validate")
                .lookup(MethodHandles.lookup()).entities(Audited.class).build();
             FalkorOrm validated = FalkorOrm.builder().transport(transport).graph(graph + "_validate")
                     .lookup(MethodHandles.lookup()).schemaMode(SchemaMode.VALIDATE).entities(Audited.class).build()) {
            // VALIDATE passed (no exception) because CREATE made the index; read it back from the server
            assertEquals(1L, created.query("CALL db.indexes() YIELD label, properties "
                    + "WHERE label = 'Audited' AND properties = ['code'] RETURN count(*)").one(Long.class).orElseThrow());
            assertEquals(created.graph(), validated.graph());
        } finally {
            transport.deleteGraph(graph + "_validate");
        }
    }
}
