package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Json;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.spi.value.StringValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @Json} fields: stored as one JSON string (read back with plain Cypher), read back to their generic types. */
class JsonFieldTest extends GraphTestSupport {

    record Address(String street, int number, List<String> tags) {
    }

    @Node("JCustomer")
    static class Customer {
        @Id String id;
        @Json List<Address> addresses;
        @Json Map<String, Set<Integer>> scores;
        @Json Address main;

        Customer() {
        }
    }

    interface Customers extends Repository<Customer, String> {
    }

    @Test
    void nestedGenericValuesRoundTripThroughOneJsonString() {
        Customers customers = orm.repository(Customers.class);
        Customer c = new Customer();
        c.id = "c1";
        c.addresses = List.of(new Address("Main St", 1, List.of("home")), new Address("Dock Rd", 22, List.of()));
        c.scores = new LinkedHashMap<>(Map.of("math", Set.of(90, 75)));
        c.main = c.addresses.get(0);
        customers.save(c);

        Object stored = scalar("MATCH (c:JCustomer {id: 'c1'}) RETURN c.addresses", Map.of());
        assertInstanceOf(StringValue.class, stored, "one string property");
        assertEquals("[{\"street\":\"Main St\",\"number\":1,\"tags\":[\"home\"]},"
                + "{\"street\":\"Dock Rd\",\"number\":22,\"tags\":[]}]", ((StringValue) stored).value());

        Customer back = customers.findById("c1").orElseThrow();
        assertEquals(c.addresses, back.addresses);
        assertInstanceOf(Address.class, back.addresses.get(1), "elements are records again, not maps");
        assertEquals(Set.of(90, 75), back.scores.get("math"));
        assertInstanceOf(Integer.class, back.scores.get("math").iterator().next());
        assertEquals(c.main, back.main);

        Customer empty = new Customer();
        empty.id = "c2";
        customers.save(empty);
        assertNull(customers.findById("c2").orElseThrow().addresses);
    }
}
