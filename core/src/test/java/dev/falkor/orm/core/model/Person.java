package dev.falkor.orm.core.model;

import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Interned;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Property;
import dev.falkor.orm.api.annotation.Transient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Node("Person")
public class Person {
    @Id
    @GeneratedValue
    private UUID id;
    private String name;
    private int age;
    private Integer score;
    private double balance;
    private Double ratio;
    private float weight;
    private boolean active;
    private long big;
    @Property(name = "mail")
    private String email;
    @Interned
    private String country;
    private List<String> tags;
    private Set<Long> numbers;
    private List<Double> readings;
    private double[] samples;
    private float[] embedding;
    private Map<String, String> attributes;
    private char initial;
    @Transient
    private String scratch;
    private transient String alsoScratch;

    public Person() {
    }

    public Person(String name, int age) {
        this.name = name;
        this.age = age;
    }

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public int getAge() { return age; }
    public void setAge(int age) { this.age = age; }
    public Integer getScore() { return score; }
    public void setScore(Integer score) { this.score = score; }
    public double getBalance() { return balance; }
    public void setBalance(double balance) { this.balance = balance; }
    public Double getRatio() { return ratio; }
    public void setRatio(Double ratio) { this.ratio = ratio; }
    public float getWeight() { return weight; }
    public void setWeight(float weight) { this.weight = weight; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public long getBig() { return big; }
    public void setBig(long big) { this.big = big; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags; }
    public Set<Long> getNumbers() { return numbers; }
    public void setNumbers(Set<Long> numbers) { this.numbers = numbers; }
    public List<Double> getReadings() { return readings; }
    public void setReadings(List<Double> readings) { this.readings = readings; }
    public double[] getSamples() { return samples; }
    public void setSamples(double[] samples) { this.samples = samples; }
    public float[] getEmbedding() { return embedding; }
    public void setEmbedding(float[] embedding) { this.embedding = embedding; }
    public Map<String, String> getAttributes() { return attributes; }
    public void setAttributes(Map<String, String> attributes) { this.attributes = attributes; }
    public char getInitial() { return initial; }
    public void setInitial(char initial) { this.initial = initial; }
    public String getScratch() { return scratch; }
    public void setScratch(String scratch) { this.scratch = scratch; }
    public String getAlsoScratch() { return alsoScratch; }
    public void setAlsoScratch(String alsoScratch) { this.alsoScratch = alsoScratch; }
}
