package dev.falkor.orm.core.model;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Property;
import java.time.LocalDate;
import java.util.List;

@Node("Member")
public class Member {
    @Id
    private Long number;
    private String name;
    @Property(name = "years")
    private Integer age;
    private boolean active;
    private double score;
    private String city;
    private List<String> tags;
    private LocalDate joined;

    public Member() {
    }

    public Member(long number, String name, Integer age, boolean active, double score, String city, List<String> tags,
                  LocalDate joined) {
        this.number = number;
        this.name = name;
        this.age = age;
        this.active = active;
        this.score = score;
        this.city = city;
        this.tags = tags;
        this.joined = joined;
    }

    public Long getNumber() { return number; }
    public String getName() { return name; }
    public Integer getAge() { return age; }
    public boolean isActive() { return active; }
    public double getScore() { return score; }
    public String getCity() { return city; }
    public List<String> getTags() { return tags; }
    public LocalDate getJoined() { return joined; }

    @Override
    public String toString() {
        return "Member#" + number + "(" + name + ")";
    }
}
