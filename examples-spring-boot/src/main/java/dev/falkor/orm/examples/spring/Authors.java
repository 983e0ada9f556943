package dev.falkor.orm.examples.spring;

import dev.falkor.orm.api.Repository;

/** Authors; a bean because it is in the application's package. */
public interface Authors extends Repository<Author, String> {
}
