package dev.falkor.orm.spring.boot.app;

import dev.falkor.orm.api.Repository;
import java.util.List;
import java.util.Optional;

/** Found by the auto-configuration's scan of the application package. */
public interface Books extends Repository<Book, String> {
    List<Book> findByAuthorOrderByIsbnAsc(String author);

    Optional<Book> findByAuthorStartingWith(String prefix);
}
