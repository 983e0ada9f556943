package dev.falkor.orm.examples;

import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.LazyLoadingException;
import dev.falkor.orm.api.Ref;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Relationship.Direction;
import dev.falkor.orm.api.annotation.RelationshipProperties;
import dev.falkor.orm.api.annotation.TargetNode;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.ForwardingTransport;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relationships on a small organisation and social graph: saving a graph in one call, lazy
 * loading batched for everything read together, an eager fetch plan, changing relationships
 * and saving the difference, inverse fields kept in line in memory, detached objects and a
 * cascading delete. After each step the graph is printed with plain Cypher.
 */
public final class RelationshipsExample {

    /** A person: friends (a self reference), an employer, a career and devices. */
    @Node("Person")
    public static class Person {
        @Id String id;
        String name;
        /** People this person knows: a self reference (OUTGOING by default), lazy by default. */
        @Relationship(type = "KNOWS")
        List<Person> friends;
        /** The same KNOWS relationships seen from their other end. */
        @Relationship(type = "KNOWS", direction = Direction.INCOMING, inverse = "friends")
        List<Person> knownBy;
        /** The current employer: a lazy to-one; {@link Company#staff} maps it from the other side. */
        @Relationship(type = "WORKS_AT")
        Ref<Company> employer;
        /** Earlier jobs: relationships with properties (a second field whose target is Company). */
        @Relationship(type = "WORKED_AT")
        List<Employment> career;
        /** Devices are saved with their owner and deleted with it. */
        @Relationship(type = "OWNS", cascade = {Relationship.Cascade.SAVE, Relationship.Cascade.DELETE})
        Set<Device> devices;

        Person() {
        }

        Person(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A company and its staff. */
    @Node("Company")
    public static class Company {
        @Id String id;
        String name;
        /** Everyone whose {@code employer} is this company. */
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
            return name;
        }
    }

    /** A WORKED_AT relationship: the company at its other end, and the relationship's own properties. */
    @RelationshipProperties
    public record Employment(@TargetNode Company company, int since, String role) {
        @Override
        public String toString() {
            return role + " at " + company + " since " + since;
        }
    }

    /** A device someone owns. */
    @Node("Device")
    public record Device(@Id String serial, String kind) {
    }

    /** People by id. */
    public interface PersonRepository extends Repository<Person, String> {
    }

    /** Companies by id. */
    public interface CompanyRepository extends Repository<Company, String> {
    }

    private RelationshipsExample() {
    }

    /** Runs this example on an embedded server. */
    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        TransportProvider provider = ServiceLoader.load(TransportProvider.class).findFirst().orElseThrow();
        // a transport that counts the statements the mapper sends, to show how many each call needs
        try (Counting transport = new Counting(provider.create(TransportConfig.fromUrl(url)))) {
            transport.deleteGraph("relationships");
            run(transport);
            transport.deleteGraph("relationships");
        }
    }

    private static void run(Counting transport) {
        try (FalkorOrm orm = FalkorOrm.builder().transport(transport).graph("relationships")
                .lookup(MethodHandles.lookup())
                .entities(Person.class, Company.class, Device.class) // validated and indexed at build()
                .build()) {
            PersonRepository people = orm.repository(PersonRepository.class);
            CompanyRepository companies = orm.repository(CompanyRepository.class);

            // 1. A whole graph in one call: related entities are saved with it (cascade SAVE)
            Company acme = new Company("acme", "Acme");
            Company globex = new Company("globex", "Globex");
            Company initech = new Company("initech", "Initech");
            Person ann = new Person("ann", "Ann");
            Person bob = new Person("bob", "Bob");
            Person cleo = new Person("cleo", "Cleo");
            ann.friends = new ArrayList<>(List.of(bob, cleo));
            bob.friends = new ArrayList<>(List.of(cleo));
            ann.employer = Ref.to(acme);
            bob.employer = Ref.to(acme);
            cleo.employer = Ref.to(globex);
            ann.career = List.of(new Employment(initech, 2015, "engineer"));
            ann.devices = Set.of(new Device("ann-laptop", "laptop"), new Device("ann-phone", "phone"));
            int sent = transport.sent(() -> people.save(ann));
            say("1. saved Ann and everything she reaches in " + times(sent, "statement") + ":");
            printGraph(orm);

            // 2. Lazy loading: real lists, loaded on first use for every entity of the same read
            List<Person> three = new ArrayList<>(people.findAllById(List.of("ann", "bob", "cleo")));
            three.sort(Comparator.comparing(p -> p.id));
            int friendQueries = transport.sent(() -> three.get(0).friends.size()); // loads all three lists
            int employerQueries = transport.sent(() -> three.get(0).employer.get()); // all three employers
            int more = transport.sent(() -> {
                for (Person p : three) {
                    say("2.   " + p + " knows " + names(p.friends) + ", works at " + p.employer.get());
                }
            });
            say("2. lazy: the friends of all three in " + times(friendQueries, "query") + ", their employers in "
                    + times(employerQueries, "query") + ", printing all of them took " + times(more, "query") + " more");

            // 3. An eager fetch plan: everything in one statement, no row per combination
            Person[] read = new Person[1];
            sent = transport.sent(() -> read[0] = people.findById("ann",
                    FetchPlan.of("friends.employer", "career")).orElseThrow());
            Person annRead = read[0];
            say("3. eager: Ann, her friends with their employers and her career in " + times(sent, "query") + ": "
                    + annRead.friends.stream().map(f -> f + " at " + f.employer.get()).sorted().toList()
                    + ", " + annRead.career);

            // 4. Change relationships and save: only the difference is written
            annRead.friends.removeIf(f -> f.id.equals("cleo"));   // no longer knows Cleo
            annRead.friends.add(new Person("dan", "Dan"));        // a new person, saved with her
            Employment job = annRead.career.get(0);
            annRead.career = List.of(new Employment(job.company(), job.since(), "lead engineer")); // edge updated in place
            sent = transport.sent(() -> people.save(annRead));   // employer and devices were never loaded: untouched
            say("4. Ann stops knowing Cleo, knows Dan, is promoted; saved in " + times(sent, "statement") + ":");
            printGraph(orm);

            // 5. Inverse fields agree in memory after a save (the objects saved in step 1 are known to the mapper)
            Company hooli = new Company("hooli", "Hooli");
            hooli.staff = new ArrayList<>();                      // a new company: no staff yet
            cleo.employer = Ref.to(hooli);                        // Cleo moves from Globex to Hooli...
            people.save(cleo);
            say("5. Cleo moved; in memory Hooli's staff is now " + hooli.staff);
            hooli.staff.add(bob);                                 // ...and Bob joins Hooli, from the company side
            companies.save(hooli);
            say("5. Bob added to Hooli's staff; in memory Bob's employer is now " + bob.employer.get()
                    + "; employer is a to-one, so his WORKS_AT to Acme went in the same statement:");
            printGraph(orm, "WORKS_AT");
            sent = transport.sent(() -> people.save(bob));        // both sides agree with the graph already
            say("5. saving Bob again changes nothing (" + sent + " statement, no relationship written):");
            printGraph(orm, "WORKS_AT");

            // 6. Detached objects: a non-null field is the whole truth, null leaves the stored edges alone
            Person detached = new Person("ann", "Ann");
            detached.friends = List.of(bob);                      // Ann now knows only Bob
            people.save(detached);                                // employer, career, devices are null: left alone
            say("6. saved a detached Ann (new object) knowing only Bob:");
            printGraph(orm);

            // 7. A delete removes the node and its relationships; related nodes stay unless the relationship cascades deletes
            people.deleteById("ann");
            say("7. deleted Ann: her devices went with her (cascade DELETE), "
                    + orm.query("MATCH (d:Device) RETURN count(d)").one(Long.class).orElseThrow()
                    + " devices left; the people she knew stay; relationships left:");
            printGraph(orm);

            // 8. A lazy field cannot load once its mapper is closed
            Person lazyBob;
            try (FalkorOrm other = FalkorOrm.builder().transport(transport).graph("relationships")
                    .lookup(MethodHandles.lookup()).build()) {
                lazyBob = other.repository(PersonRepository.class).findById("bob").orElseThrow();
            }
            try {
                lazyBob.friends.size();
                say("8. unexpected: a lazy list loaded after its mapper was closed");
            } catch (LazyLoadingException e) {
                say("8. after close: " + e.getMessage());
            }
        }
    }

    private static String times(int n, String what) {
        return n + " " + (n == 1 ? what : what.endsWith("y") ? what.substring(0, what.length() - 1) + "ies" : what + "s");
    }

    private static List<String> names(Collection<Person> people) {
        return people.stream().map(p -> p.name).sorted().toList();
    }

    /** Every relationship in the graph, with plain Cypher. */
    private static void printGraph(FalkorOrm orm) {
        printGraph(orm, null);
    }

    /** The relationships in the graph (of {@code type}, or all), read with plain Cypher. */
    private static void printGraph(FalkorOrm orm, String type) {
        List<String> edges = orm.query("MATCH (a)-[r]->(b) WHERE $type IS NULL OR type(r) = $type "
                + "RETURN a.id + ' -' + type(r) + CASE WHEN r.role IS NULL THEN '' "
                + "ELSE ' {role: ' + r.role + ', since: ' + toString(r.since) + '}' END "
                + "+ '-> ' + coalesce(b.id, b.serial) AS e ORDER BY e").param("type", type).list(String.class);
        edges.forEach(e -> System.out.println("    " + e));
    }

    private static void say(String line) {
        System.out.println("[RelationshipsExample] " + line);
    }

    /** Delegates to a transport and counts the data statements sent through it. */
    private static final class Counting extends ForwardingTransport {
        private final AtomicInteger count = new AtomicInteger();

        Counting(Transport next) {
            super(next);
        }

        /** Statements sent while {@code r} runs. */
        int sent(Runnable r) {
            int before = count.get();
            r.run();
            return count.get() - before;
        }

        /** Counts statements that read or write data; the mapper's schema checks and index creation are not counted. */
        private void count(GraphQuery query) {
            if (!query.cypher().startsWith("CALL db.indexes()") && !query.cypher().startsWith("CREATE INDEX")) {
                count.incrementAndGet();
            }
        }

        @Override
        public QueryResult execute(GraphQuery query) {
            count(query);
            return super.execute(query);
        }

        @Override
        public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
            count(query);
            return super.executeAsync(query);
        }
    }
}
