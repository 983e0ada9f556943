package dev.falkor.orm.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An ordering by one or more entity properties (Java field names, not graph names: the
 * mapper checks each against the mapping, so nothing a caller passes reaches Cypher text).
 *
 * <pre>{@code
 * Sort.by("lastName").and(Sort.by(Sort.Order.asc("city").ignoringCase()))
 * }</pre>
 */
public final class Sort implements Iterable<Sort.Order> {
    private static final Sort UNSORTED = new Sort(List.of());

    /** Ascending or descending. */
    public enum Direction { ASC, DESC }

    /**
     * One sort key.
     *
     * @param property   the entity property (Java name; a path such as {@code address.city} later)
     * @param direction  ascending or descending
     * @param ignoreCase compare strings case-insensitively
     */
    public record Order(String property, Direction direction, boolean ignoreCase) {
        public Order {
            if (property == null || property.isBlank()) {
                throw new IllegalArgumentException("sort property must not be blank");
            }
            Objects.requireNonNull(direction, "direction");
        }

        public static Order asc(String property) {
            return new Order(property, Direction.ASC, false);
        }

        public static Order desc(String property) {
            return new Order(property, Direction.DESC, false);
        }

        /** The same order, case-insensitive. */
        public Order ignoringCase() {
            return new Order(property, direction, true);
        }

        /** The opposite direction. */
        public Order reverse() {
            return new Order(property, direction == Direction.ASC ? Direction.DESC : Direction.ASC, ignoreCase);
        }
    }

    private final List<Order> orders;

    private Sort(List<Order> orders) {
        this.orders = List.copyOf(orders);
    }

    /** Ascending by each property in turn. */
    public static Sort by(String... properties) {
        List<Order> o = new ArrayList<>();
        for (String p : properties) {
            o.add(Order.asc(p));
        }
        return new Sort(o);
    }

    public static Sort by(Direction direction, String... properties) {
        List<Order> o = new ArrayList<>();
        for (String p : properties) {
            o.add(new Order(p, direction, false));
        }
        return new Sort(o);
    }

    public static Sort by(Order... orders) {
        return new Sort(List.of(orders));
    }

    public static Sort unsorted() {
        return UNSORTED;
    }

    /** This sort followed by {@code other}. */
    public Sort and(Sort other) {
        List<Order> o = new ArrayList<>(orders);
        o.addAll(other.orders);
        return new Sort(o);
    }

    /** All keys in the opposite direction. */
    public Sort descending() {
        return new Sort(orders.stream().map(o -> new Order(o.property(), Direction.DESC, o.ignoreCase())).toList());
    }

    public List<Order> orders() {
        return orders;
    }

    public boolean isSorted() {
        return !orders.isEmpty();
    }

    @Override
    public Iterator<Order> iterator() {
        return orders.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sort s && s.orders.equals(orders);
    }

    @Override
    public int hashCode() {
        return orders.hashCode();
    }

    @Override
    public String toString() {
        return orders.isEmpty() ? "UNSORTED" : orders.toString();
    }
}
