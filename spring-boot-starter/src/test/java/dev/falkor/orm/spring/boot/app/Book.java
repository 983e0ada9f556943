package dev.falkor.orm.spring.boot.app;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Unique;

/** The @SpringBootTest application's entity. */
@Node("Book")
public class Book {
    @Id
    public String isbn;
    @Unique
    public String title;
    public String author;

    Book() {
    }

    public Book(String isbn, String title, String author) {
        this.isbn = isbn;
        this.title = title;
        this.author = author;
    }
}
