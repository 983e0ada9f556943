package dev.falkor.orm.spi.batch;

import dev.falkor.orm.api.annotation.Relationship;
import java.util.Objects;

/**
 * Relationships of one type between two node shapes, in a direction seen from {@code from} (the
 * node whose field maps them). Endpoints are found by id under each shape's id label.
 *
 * @param type the relationship type, a validated identifier
 * @param direction the direction seen from {@code from}
 * @param from the owning end ({@code src} in rows)
 * @param to the other end ({@code dst} in rows)
 * @param withProperties true if merges set {@code row.props} on the relationship
 */
public record EdgeShape(String type, Relationship.Direction direction, NodeShape from, NodeShape to,
                        boolean withProperties) {

    public EdgeShape {
        WriteCypher.quote(type);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
