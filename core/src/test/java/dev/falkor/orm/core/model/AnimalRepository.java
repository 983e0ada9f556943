package dev.falkor.orm.core.model;

import dev.falkor.orm.api.Repository;

public interface AnimalRepository extends Repository<Animal, String> {
}
