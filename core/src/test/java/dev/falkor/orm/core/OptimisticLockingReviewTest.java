package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.OptimisticLockException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Unique;
import dev.falkor.orm.api.annotation.Version;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Review of {@code @Version}: cases the feature's own tests do not cover. */
class OptimisticLockingReviewTest extends GraphTestSupport {

    @Node("RvAccount")
    public static class Account {
        @Id public Long id;
        public String owner;
        public long balance;
        @Version public Long version;

        public Account() {
        }

        Account(long id, String owner, long balance) {
            this.id = id;
            this.owner = owner;
            this.balance = balance;
        }
    }

    @Node("RvPerson")
    public static class Person {
        @Id public Long id;
        public String name;
        @Version public long version;
        @Relationship(type = "RV_KNOWS", cascade = Relationship.Cascade.SAVE) public List<Person> friends = new ArrayList<>();

        public Person() {
        }

        Person(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Node("RvUser")
    public static class User {
        @Id public Long id;
        @Unique public String email;
        public String name;
        @Version public Long version;

        public User() {
        }

        User(long id, String email) {
            this.id = id;
            this.email = email;
        }
    }

    @Node("RvAnimal")
    public static class Animal {
        @Id public Long id;
        public String name;

        public Animal() {
        }
    }

    @Node("RvDog")
    public static class Dog extends Animal {
        @Version public Long version;

        public Dog() {
        }

        Dog(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Node("RvDoc")
    public static class Doc {
        @Id public Long id;
        public Map<String, String> attrs = new HashMap<>();
        @Version public Long version;

        public Doc() {
        }
    }

    interface Accounts extends Repository<Account, Long> {
    }

    interface People extends Repository<Person, Long> {
    }

    interface Users extends Repository<User, Long> {
    }

    interface Animals extends Repository<Animal, Long> {
    }

    interface Dogs extends Repository<Dog, Long> {
    }

    interface Docs extends Repository<Doc, Long> {
    }

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
    }

    private Object stored(String label, long id, String property) {
        return scalar("MATCH (n:" + label + " {id: $id}) RETURN n." + property, Map.of("id", id)).asJava();
    }

    /** Runs {@code hook} once, right after the first write statement that checks versions succeeded. */
    static final class AfterFirstCheckedStatement extends Executor.Forwarding {
        final AtomicReference<Runnable> hook = new AtomicReference<>();

        AfterFirstCheckedStatement(Executor next) {
            super(next);
        }

        @Override
        public QueryResult execute(GraphQuery query) {
            QueryResult r = next.execute(query);
            if (!query.readOnly() && query.cypher().contains("__versions")) {
                Runnable h = hook.getAndSet(null);
                if (h != null) {
                    h.run();
                }
            }
            return r;
        }
    }

    private FalkorOrm ormWith(String writer, int batchSize, AtomicReference<AfterFirstCheckedStatement> seam) {
        FalkorOrm.Builder b = FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .batchSize(batchSize);
        if (writer != null) {
            b.batchWriter(writer);
        }
        if (seam != null) {
            b.decorateExecutor(next -> {
                AfterFirstCheckedStatement s = new AfterFirstCheckedStatement(next);
                seam.set(s);
                return s;
            });
        }
        return b.build();
    }

    // ---- two instances of one node in one call

    @Test
    void twoStaleCopiesOfOneNodeInOneSaveAllDoNotBothWin() {
        Accounts accounts = orm.repository(Accounts.class);
        accounts.save(new Account(1, "ann", 0));
        Account mine = accounts.findById(1L).orElseThrow();
        Account theirs = accounts.findById(1L).orElseThrow();
        mine.balance = 10;
        theirs.owner = "bob";
        // "as if saved one after another": the second copy, read at version 1, must conflict
        assertThrows(OptimisticLockException.class, () -> accounts.saveAll(List.of(mine, theirs)),
                () -> "both copies were accepted: mine's balance (stored: " + stored("RvAccount", 1, "balance")
                        + ") is silently lost, yet mine now carries version " + mine.version + " = the stored "
                        + stored("RvAccount", 1, "version") + ", so its next save overwrites theirs without a conflict");
    }

    @Test
    void twoStaleCopiesOfOneNodeWithRelationshipsInOneSaveAllDoNotBothWin() {
        People people = orm.repository(People.class);
        people.save(new Person(1, "ann"));
        Person mine = people.findById(1L).orElseThrow();
        Person theirs = people.findById(1L).orElseThrow();
        mine.name = "mine";
        theirs.name = "theirs";
        assertThrows(OptimisticLockException.class, () -> people.saveAll(List.of(mine, theirs)),
                () -> "both copies were accepted (stored name " + stored("RvPerson", 1, "name") + "); mine now carries "
                        + "version " + mine.version + " = the stored " + stored("RvPerson", 1, "version"));
    }

    // ---- double bumps

    @Test
    void anEntityReachedThroughARelationshipAndGivenLaterMovesOneVersion() {
        People people = orm.repository(People.class);
        Person ann = new Person(1, "ann");
        Person bob = new Person(2, "bob");
        ann.friends.add(bob);
        people.saveAll(List.of(ann, bob));
        assertEquals(1L, stored("RvPerson", 2, "version"));
        assertEquals(1, bob.version, "bob was written once (stored version 1) but moved twice in memory");
    }

    @Test
    void anEntityReachedThroughARelationshipAndGivenLaterCanBeSavedAgain() {
        People people = orm.repository(People.class);
        Person ann = new Person(1, "ann");
        Person bob = new Person(2, "bob");
        ann.friends.add(bob);
        people.saveAll(List.of(ann, bob));
        bob.name = "bob 2";
        people.save(bob); // false conflict: bob carries version 2, the store has 1
        assertEquals("bob 2", stored("RvPerson", 2, "name"));
    }

    // ---- batches larger than the batch size: only the first statement checks

    private void laterStatementOverwritesAConcurrentWrite(String writer) {
        orm.repository(Accounts.class).saveAll(List.of(new Account(1, "a", 0), new Account(2, "b", 0)));
        AtomicReference<AfterFirstCheckedStatement> seam = new AtomicReference<>();
        try (FalkorOrm small = ormWith(writer, 1, seam)) {
            Accounts mine = small.repository(Accounts.class);
            List<Account> loaded = mine.findAllById(List.of(1L, 2L));
            loaded.forEach(a -> a.balance = 100);
            seam.get().hook.set(() -> {
                // another writer saves account 2 between this save's first and second statement
                Accounts other = orm.repository(Accounts.class);
                Account two = other.findById(2L).orElseThrow();
                two.balance = 777;
                other.save(two);
            });
            try {
                mine.saveAll(loaded);
            } catch (OptimisticLockException expected) {
                return;
            }
            assertEquals(777L, stored("RvAccount", 2, "balance"),
                    "the other writer's save (version 1 -> 2) was overwritten by a row checked only in the "
                            + "first statement: lost update; stored version " + stored("RvAccount", 2, "version"));
        }
    }

    @Test
    void aLaterStatementOfABatchDoesNotOverwriteAConcurrentSaveUnwind() {
        laterStatementOverwritesAConcurrentWrite("unwind");
    }

    @Test
    void aLaterStatementOfABatchDoesNotOverwriteAConcurrentSavePlain() {
        laterStatementOverwritesAConcurrentWrite("plain");
    }

    @Test
    @org.junit.jupiter.api.Disabled("known limit, documented in the README: a batch larger than the batch size that fails "
            + "in a later statement leaves the earlier statements (and their versions) stored while no entity of the call "
            + "moves to its next version; reload before retrying")
    void aBatchFailingInALaterStatementLeavesNoVersionTheEntitiesDoNotCarry() {
        try (FalkorOrm small = ormWith("unwind", 1, null)) {
            Users users = small.repository(Users.class);
            users.saveAll(List.of(new User(1, "a@x"), new User(2, "b@x"), new User(3, "c@x")));
            List<User> loaded = users.findAllById(List.of(1L, 2L));
            User u1 = loaded.get(0).id == 1L ? loaded.get(0) : loaded.get(1);
            User u2 = loaded.get(0).id == 1L ? loaded.get(1) : loaded.get(0);
            u1.name = "renamed";
            u2.email = "c@x"; // taken: the second statement fails
            assertThrows(ConstraintViolationException.class, () -> users.saveAll(List.of(u1, u2)));
            u2.email = "b2@x";
            // nobody else wrote: the retry must not conflict
            users.saveAll(List.of(u1, u2));
            assertEquals("b2@x", stored("RvUser", 2, "email"));
        }
    }

    // ---- inheritance

    @Test
    void aVersionedSubclassSavedThroughItsBaseRepositoryIsChecked() {
        Dogs dogs = orm.repository(Dogs.class);
        Animals animals = orm.repository(Animals.class);
        dogs.save(new Dog(1, "rex"));
        Dog fresh = dogs.findById(1L).orElseThrow();
        Dog stale = dogs.findById(1L).orElseThrow();
        fresh.name = "rex 2";
        dogs.save(fresh);
        stale.name = "stale";
        assertThrows(OptimisticLockException.class, () -> animals.save(stale),
                () -> "a stale Dog saved as an Animal is written without a check; stored name now "
                        + stored("RvAnimal", 1, "name") + ", version " + stored("RvAnimal", 1, "version"));
    }

    @Test
    void aVersionedSubclassDeletedThroughItsBaseRepositoryIsChecked() {
        Dogs dogs = orm.repository(Dogs.class);
        Animals animals = orm.repository(Animals.class);
        dogs.save(new Dog(1, "rex"));
        Dog fresh = dogs.findById(1L).orElseThrow();
        Dog stale = dogs.findById(1L).orElseThrow();
        fresh.name = "rex 2";
        dogs.save(fresh);
        assertThrows(OptimisticLockException.class, () -> animals.delete(stale),
                () -> "a stale Dog deleted as an Animal is deleted without a check; nodes left: "
                        + count("(:RvAnimal {id: 1})"));
    }

    // ---- probes (expected to pass)

    @Test
    void probeMapFieldStaleSaveWritesNothing() {
        Docs docs = orm.repository(Docs.class);
        Doc d = new Doc();
        d.id = 1L;
        d.attrs.put("a", "1");
        d.attrs.put("b", "2");
        docs.save(d);
        Doc mine = docs.findById(1L).orElseThrow();
        Doc theirs = docs.findById(1L).orElseThrow();
        theirs.attrs.put("c", "3");
        docs.save(theirs);
        mine.attrs.remove("a");
        assertThrows(OptimisticLockException.class, () -> docs.save(mine));
        assertEquals("1", stored("RvDoc", 1, "`attrs.a`"));
        assertEquals("3", stored("RvDoc", 1, "`attrs.c`"));
        assertEquals(2L, stored("RvDoc", 1, "version"));
        Doc again = docs.findById(1L).orElseThrow();
        again.attrs.remove("a");
        docs.save(again);
        assertEquals(null, stored("RvDoc", 1, "`attrs.a`"));
    }

    @Test
    void probeUniqueAndVersionConflictIsAnOptimisticLock() {
        Users users = orm.repository(Users.class);
        users.save(new User(1, "a@x"));
        User mine = users.findById(1L).orElseThrow();
        User theirs = users.findById(1L).orElseThrow();
        theirs.name = "t";
        users.save(theirs);
        mine.name = "m";
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> users.save(mine));
        assertEquals(1L, e.id());
        assertEquals("t", stored("RvUser", 1, "name"));
    }

    @Test
    void probeCascadedConflictNamesTheCascadedNode() {
        People people = orm.repository(People.class);
        Person ann = new Person(1, "ann");
        Person bob = new Person(2, "bob");
        ann.friends.add(bob);
        people.save(ann);
        cypher("MATCH (n:RvPerson {id: 2}) SET n.version = 5", Map.of());
        bob.name = "bob here";
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> people.save(ann));
        assertEquals(2L, e.id());
        assertEquals(1L, ann.version);
        assertEquals(1L, bob.version);
    }

    @Test
    void probeBiggerThanBatchConflictWritesNothing() {
        try (FalkorOrm small = ormWith("unwind", 2, null)) {
            Accounts accounts = small.repository(Accounts.class);
            List<Account> all = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                all.add(new Account(i, "o" + i, 0));
            }
            accounts.saveAll(all);
            List<Account> loaded = accounts.findAllById(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
            cypher("MATCH (n:RvAccount {id: 7}) SET n.version = 9", Map.of());
            loaded.forEach(a -> a.balance = 100);
            OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> accounts.saveAll(loaded));
            assertEquals(7L, e.id());
            assertEquals(0, count("(n:RvAccount) WHERE n.balance = 100"));
            loaded.forEach(a -> assertEquals(1L, a.version));
        }
    }
}
