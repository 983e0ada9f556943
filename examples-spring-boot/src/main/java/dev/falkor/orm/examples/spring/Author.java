package dev.falkor.orm.examples.spring;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;

/** An author. */
@Node("Author")
public class Author {
    @Id
    String name;
    int born;

    Author() {
    }

    Author(String name, int born) {
        this.name = name;
        this.born = born;
    }

    @Override
    public String toString() {
        return name + " (born " + born + ")";
    }
}
