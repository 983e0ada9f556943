package dev.falkor.orm.spring.boot.model;

import dev.falkor.orm.api.AsyncRepository;

/** Asynchronous repository. */
public interface AsyncPeople extends AsyncRepository<Person, String> {
}
