package dev.falkor.orm.core.model;

import dev.falkor.orm.api.Repository;
import java.util.UUID;

public interface PersonRepository extends Repository<Person, UUID> {
    default Person rename(UUID id, String name) {
        Person p = findById(id).orElseThrow();
        p.setName(name);
        return save(p);
    }
}
