package dev.falkor.orm.core.model;

import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;

@Node("Animal")
public class Animal {
    @Id
    @GeneratedValue
    protected String id;
    protected String name;

    public Animal() {
    }

    public Animal(String name) {
        this.name = name;
    }

    public String getId() { return id; }
    public String getName() { return name; }
}
