package dev.falkor.orm.examples.spring;

import dev.falkor.orm.api.Repository;
import java.util.List;

/** Books, with a derived query. */
public interface Books extends Repository<Book, String> {
    List<Book> findByAuthorOrderByYearAsc(String author);
}
