package dev.falkor.orm.core;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Relationship.Cascade;
import dev.falkor.orm.api.annotation.Relationship.Direction;
import dev.falkor.orm.api.annotation.RelationshipProperties;
import dev.falkor.orm.api.annotation.TargetNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A small social and organisation graph for the relationship tests. */
final class RelationshipModel {
    private RelationshipModel() {
    }

    @Node("Person")
    static class Person {
        @Id
        String id;
        String name;
        @Relationship(type = "KNOWS")
        List<Person> friends = new ArrayList<>();
        @Relationship(type = "KNOWS", direction = Direction.INCOMING)
        List<Person> followers;
        @Relationship(type = "WORKS_AT")
        Company employer;
        @Relationship(type = "LIVES_AT")
        Ref<Address> home;
        @Relationship(type = "WORKED_AT")
        List<Employment> jobs;
        @Relationship(type = "MARRIED_TO", direction = Direction.UNDIRECTED)
        Person spouse;
        @Relationship(type = "OWNS", cascade = {Cascade.SAVE, Cascade.DELETE})
        Set<Device> devices;
        /** A to-one relationship with properties (a converted date and an exact double). */
        @Relationship(type = "MEMBER_OF")
        Membership membership;

        Person() {
        }

        Person(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public String toString() {
            return "Person(" + id + ")";
        }
    }

    @Node("Company")
    static class Company {
        @Id
        String id;
        String name;
        double revenue;
        @Relationship(type = "WORKS_AT", direction = Direction.INCOMING, inverse = "employer")
        List<Person> staff;

        Company() {
        }

        Company(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public String toString() {
            return "Company(" + id + ")";
        }
    }

    @RelationshipProperties
    record Employment(@TargetNode Company company, int since, String role, double share) {
    }

    @RelationshipProperties
    record Membership(@TargetNode Company club, java.time.LocalDate since, double fee) {
    }

    @Node("Address")
    record Address(@Id String id, String city) {
    }

    @Node("Device")
    static class Device {
        @Id
        String id;
        String kind;

        Device() {
        }

        Device(String id, String kind) {
            this.id = id;
            this.kind = kind;
        }
    }

    /** A record holding relationships: built through its constructor. */
    @Node("Team")
    record Team(@Id String id, String name, @Relationship(type = "MEMBER") List<Person> members,
                @Relationship(type = "LED_BY", fetch = Relationship.Fetch.EAGER) Person lead) {
    }

    /** Immutable, built through its all-arguments constructor, relationships included. */
    @Node("Project")
    static final class Project {
        @Id
        final String id;
        final String title;
        @Relationship(type = "OWNED_BY")
        final Person owner;
        @Relationship(type = "USES")
        final List<Device> uses;

        Project(String id, String title, Person owner, List<Device> uses) {
            this.id = id;
            this.title = title;
            this.owner = owner;
            this.uses = uses;
        }
    }

    interface ProjectRepository extends Repository<Project, String> {
    }

    interface PersonRepository extends Repository<Person, String> {
        List<Person> findByNameStartingWith(String prefix, FetchPlan fetch);

        @Query("MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:KNOWS]->(f:Person) RETURN p, collect(f) AS friends")
        Optional<Person> withFriends(String id);

        @Query("MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[r:WORKED_AT]->(c:Company) WHERE r.since >= $since "
                + "RETURN p, collect([r, c]) AS jobs")
        Optional<Person> withJobsSince(String id, int since);
    }

    interface CompanyRepository extends Repository<Company, String> {
    }

    interface TeamRepository extends Repository<Team, String> {
    }

    static Set<Device> devices(Device... d) {
        return new HashSet<>(List.of(d));
    }
}
