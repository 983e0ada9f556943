package dev.falkor.orm.examples.spring;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Unique;

/** A book; no two books share a title. */
@Node("Book")
public class Book {
    @Id
    String isbn;
    @Unique
    String title;
    String author;
    int year;

    Book() {
    }

    Book(String isbn, String title, String author, int year) {
        this.isbn = isbn;
        this.title = title;
        this.author = author;
        this.year = year;
    }

    @Override
    public String toString() {
        return "'" + title + "' (" + year + ")";
    }
}
