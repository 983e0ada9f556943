package dev.falkor.orm.spring.boot.model;

import dev.falkor.orm.api.Repository;
import java.util.List;

/** Blocking repository with a derived query. */
public interface People extends Repository<Person, String> {
    List<Person> findByNameOrderByIdAsc(String name);
}
