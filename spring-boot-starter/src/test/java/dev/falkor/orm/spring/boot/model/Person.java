package dev.falkor.orm.spring.boot.model;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Unique;

/** A test entity with a unique e-mail address. */
@Node("Person")
public class Person {
    @Id
    public String id;
    public String name;
    @Unique
    public String email;

    Person() {
    }

    public Person(String id, String name, String email) {
        this.id = id;
        this.name = name;
        this.email = email;
    }
}
