package dev.falkor.orm.spring.boot.model;

import dev.falkor.orm.api.Repository;

/** A generic base interface: not a repository bean of its own. */
public interface BaseRepository<T> extends Repository<T, String> {
}
