package dev.falkor.orm.spring.boot.app;

import dev.falkor.orm.spring.boot.model.BaseRepository;
import java.util.List;
import java.util.Optional;

/** Found by the auto-configuration's scan of the application package (extends a generic base). */
public interface Books extends BaseRepository<Book> {
    List<Book> findByAuthorOrderByIsbnAsc(String author);

    Optional<Book> findByAuthorStartingWith(String prefix);
}
