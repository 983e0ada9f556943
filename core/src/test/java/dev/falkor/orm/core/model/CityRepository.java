package dev.falkor.orm.core.model;

import dev.falkor.orm.api.Repository;

public interface CityRepository extends Repository<City, String> {
}
