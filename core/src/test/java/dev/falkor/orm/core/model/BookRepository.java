package dev.falkor.orm.core.model;

import dev.falkor.orm.api.Repository;

public interface BookRepository extends Repository<Book, Long> {
}
