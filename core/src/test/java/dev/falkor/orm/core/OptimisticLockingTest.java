package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.OptimisticLockException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Version}: saves and deletes check and move the version in the statement that writes; read back with plain Cypher. */
class OptimisticLockingTest extends GraphTestSupport {

    @Node("OlAccount")
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

    @Node("OlNote")
    public record Note(@Id @GeneratedValue String id, String text, @Version int version) {
    }

    @Node("OlPerson")
    public static class Person {
        @Id public Long id;
        public String name;
        @Version public long version;
        @Relationship(type = "OL_KNOWS", cascade = Relationship.Cascade.SAVE) public List<Person> friends = new ArrayList<>();

        public Person() {
        }

        Person(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    interface Accounts extends Repository<Account, Long> {
    }

    interface Notes extends Repository<Note, String> {
    }

    interface People extends Repository<Person, Long> {
    }

    private Accounts accounts;

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        accounts = orm.repository(Accounts.class);
    }

    private long storedVersion(String label, long id) {
        return (Long) scalar("MATCH (n:" + label + " {id: $id}) RETURN n.version", Map.of("id", id)).asJava();
    }

    @Test
    void aSaveStoresTheNextVersionAndTheEntityCarriesIt() {
        Account a = accounts.save(new Account(1, "ann", 10));
        assertEquals(1L, a.version);
        assertEquals(1, storedVersion("OlAccount", 1));
        a.balance = 20;
        accounts.save(a);
        assertEquals(2L, a.version);
        assertEquals(2, storedVersion("OlAccount", 1));
        assertEquals(20L, scalar("MATCH (n:OlAccount {id: 1}) RETURN n.balance", Map.of()).asJava());
    }

    @Test
    void aStaleSaveFailsNamingTheEntityAndWritesNothing() {
        accounts.save(new Account(1, "ann", 10));
        Account mine = accounts.findById(1L).orElseThrow();
        Account theirs = accounts.findById(1L).orElseThrow();
        theirs.balance = 99;
        accounts.save(theirs);
        mine.balance = 5;
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> accounts.save(mine));
        assertEquals(Account.class.getName(), e.entity());
        assertEquals(1L, e.id());
        assertTrue(e.getMessage().contains("version 2, not 1"), e.getMessage());
        assertEquals(99L, scalar("MATCH (n:OlAccount {id: 1}) RETURN n.balance", Map.of()).asJava());
        assertEquals(2, storedVersion("OlAccount", 1));
        assertEquals(1L, mine.version, "a failed save leaves the entity's version as it was");
    }

    @Test
    void oneStaleEntityFailsTheWholeSaveAll() {
        accounts.saveAll(List.of(new Account(1, "a", 1), new Account(2, "b", 2), new Account(3, "c", 3)));
        List<Account> loaded = accounts.findAllById(List.of(1L, 2L, 3L));
        cypher("MATCH (n:OlAccount {id: 2}) SET n.version = 7", Map.of()); // another writer
        loaded.forEach(a -> a.balance = 100);
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> accounts.saveAll(loaded));
        assertEquals(2L, e.id());
        assertEquals(0, count("(n:OlAccount) WHERE n.balance = 100"), "nothing of the batch was written");
    }

    @Test
    void anAssignedIdThatAlreadyExistsIsAConflictNotAnOverwrite() {
        accounts.save(new Account(1, "ann", 10));
        OptimisticLockException e = assertThrows(OptimisticLockException.class,
                () -> accounts.save(new Account(1, "intruder", 0)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("ann", scalar("MATCH (n:OlAccount {id: 1}) RETURN n.owner", Map.of()).asJava());
    }

    @Test
    void aDeleteChecksTheVersionToo() {
        Account a = accounts.save(new Account(1, "ann", 10));
        Account stale = accounts.findById(1L).orElseThrow();
        a.balance = 11;
        accounts.save(a);
        assertThrows(OptimisticLockException.class, () -> accounts.delete(stale));
        assertEquals(1, count("(:OlAccount {id: 1})"));
        accounts.delete(a);
        assertEquals(0, count("(:OlAccount {id: 1})"));
    }

    @Test
    void aRecordIsReturnedAsANewInstanceCarryingItsVersion() {
        Notes notes = orm.repository(Notes.class);
        Note first = new Note(null, "hello", 0);
        Note saved = notes.save(first);
        assertNotSame(first, saved);
        assertEquals(1, saved.version());
        assertEquals(0, first.version());
        Note again = notes.save(new Note(saved.id(), "hello again", saved.version()));
        assertEquals(2, again.version());
        assertThrows(OptimisticLockException.class, () -> notes.save(new Note(saved.id(), "stale", 1)));
        assertEquals("hello again", scalar("MATCH (n:OlNote) RETURN n.text", Map.of()).asJava());
    }

    @Test
    void relatedVersionedNodesAreCheckedThroughCascades() {
        People people = orm.repository(People.class);
        Person ann = new Person(1, "ann");
        Person bob = new Person(2, "bob");
        ann.friends.add(bob);
        people.save(ann);
        assertEquals(1, ann.version);
        assertEquals(1, bob.version, "the cascaded node moved to its version too");
        cypher("MATCH (n:OlPerson {id: 2}) SET n.version = 5, n.name = 'bob elsewhere'", Map.of());
        bob.name = "bob here";
        ann.name = "ann again";
        assertThrows(OptimisticLockException.class, () -> people.save(ann));
        assertEquals("bob elsewhere", scalar("MATCH (n:OlPerson {id: 2}) RETURN n.name", Map.of()).asJava());
        assertEquals("ann", scalar("MATCH (n:OlPerson {id: 1}) RETURN n.name", Map.of()).asJava(),
                "the root of the failed save was not written either");
    }

    @Test
    void twoWritersRacingOnOneEntityNeverLoseAnUpdate() throws Exception {
        accounts.save(new Account(1, "shared", 0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int rounds = 30;
            AtomicInteger conflicts = new AtomicInteger();
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier loaded = new CyclicBarrier(2);
                List<Future<Boolean>> both = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    both.add(pool.submit(() -> {
                        Account a = accounts.findById(1L).orElseThrow();
                        loaded.await(); // both hold the same version
                        a.balance = a.balance + 1;
                        try {
                            accounts.save(a);
                            return true;
                        } catch (OptimisticLockException lost) {
                            conflicts.incrementAndGet();
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : both) {
                    winners += f.get() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round + ": exactly one writer wins");
            }
            assertEquals(rounds, conflicts.get());
            assertEquals((long) rounds, scalar("MATCH (n:OlAccount {id: 1}) RETURN n.balance", Map.of()).asJava(),
                    "every round added exactly one: no lost update");
            assertEquals(rounds + 1, storedVersion("OlAccount", 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoSessionsRacingOnOneEntityNeverLoseAnUpdate() throws Exception {
        accounts.save(new Account(1, "shared", 0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int rounds = 30;
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier loaded = new CyclicBarrier(2);
                List<Future<Boolean>> both = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    both.add(pool.submit(() -> {
                        try (dev.falkor.orm.api.Session s = orm.openSession()) {
                            Account a = s.find(Account.class, 1L).orElseThrow();
                            loaded.await(); // both sessions hold the same version
                            a.balance = a.balance + 1;
                            try {
                                s.commit();
                                return true;
                            } catch (dev.falkor.orm.api.CommitException lost) {
                                assertTrue(lost.getCause() instanceof OptimisticLockException, lost.toString());
                                assertTrue(!lost.applied());
                                return false;
                            }
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : both) {
                    winners += f.get() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round + ": exactly one session commits");
            }
            assertEquals((long) rounds, scalar("MATCH (n:OlAccount {id: 1}) RETURN n.balance", Map.of()).asJava(),
                    "every round added exactly one: no lost update");
        } finally {
            pool.shutdownNow();
        }
    }

    @Node("OlBad")
    public static class Bad {
        @Id public Long id;
        @Version public String version;
    }

    interface Bads extends Repository<Bad, Long> {
    }

    @Test
    void aVersionMustBeANumber() {
        MappingException e = assertThrows(MappingException.class, () -> orm.repository(Bads.class));
        assertTrue(e.getMessage().contains("@Version"), e.getMessage());
    }
}
