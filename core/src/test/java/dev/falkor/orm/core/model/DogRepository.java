package dev.falkor.orm.core.model;

import dev.falkor.orm.api.Repository;

public interface DogRepository extends Repository<Dog, String> {
}
