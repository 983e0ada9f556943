package dev.falkor.orm.core.model;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Unique;
import java.util.List;

/** A record entity with a natural (assigned, unique) id. */
@Node({"City", "Place"})
public record City(@Id @Unique String code, String name, long population, double area, List<String> districts) {
}
