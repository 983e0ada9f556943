package dev.falkor.orm.core.model;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.PersistenceCreator;

/** Immutable class created through an annotated constructor. */
@Node
public final class Book {
    @Id
    private final long isbn;
    private final String title;
    private String note;

    @PersistenceCreator
    public Book(long isbn, String title) {
        this.isbn = isbn;
        this.title = title;
    }

    public long isbn() { return isbn; }
    public String title() { return title; }
    public String note() { return note; }
    public void note(String note) { this.note = note; }
}
