package dev.falkor.orm.core.model;

import dev.falkor.orm.api.annotation.Node;

@Node("Dog")
public class Dog extends Animal {
    private boolean goodBoy;

    public Dog() {
    }

    public Dog(String name, boolean goodBoy) {
        super(name);
        this.goodBoy = goodBoy;
    }

    public boolean isGoodBoy() { return goodBoy; }
}
