package dev.falkor.orm.examples;

import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Unique;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.core.RetryPolicy;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the mapper guarantees, shown: saves keep properties they do not map, bad values fail
 * before anything is written, unique properties are constraints, doubles come back exactly,
 * and connection failures say whether anything may have been applied.
 */
public final class SafetyExample {

    @Node("Account")
    public static class Account {
        @Id Long id;
        @Unique String email;
        double balance;

        Account() {
        }

        Account(long id, String email, double balance) {
            this.id = id;
            this.email = email;
            this.balance = balance;
        }
    }

    public interface AccountRepository extends Repository<Account, Long> {
    }

    private SafetyExample() {
    }

    public static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder().url(url).graph("safety").lookup(MethodHandles.lookup())
                .retryPolicy(RetryPolicy.attempts(3, Duration.ofMillis(50))) // saves by id may be repeated
                .build()) {
            orm.transport().deleteGraph("safety");
            AccountRepository accounts = orm.repository(AccountRepository.class);
            System.out.println("[SafetyExample] accounts in a graph that does not exist yet: " + accounts.count());

            accounts.save(new Account(1, "ada@example.com", 0.1 + 0.2));
            // another application adds a property this class does not map...
            orm.query("MATCH (a:Account {id: 1}) SET a.note = 'vip'").write().execute();
            accounts.save(new Account(1, "ada@example.com", 10.5)); // ...and a save keeps it
            System.out.println("[SafetyExample] note after save: "
                    + orm.query("MATCH (a:Account {id: 1}) RETURN a.note").one(String.class).orElseThrow());
            accounts.save(new Account(2, "bob@example.com", 0.1 + 0.2));
            System.out.println("[SafetyExample] balance read back exactly: "
                    + accounts.findById(2L).orElseThrow().balance);

            try {
                accounts.save(new Account(3, "ada@example.com", 1));
            } catch (ConstraintViolationException e) {
                System.out.println("[SafetyExample] duplicate email refused: " + e.getMessage().split(" \\[")[0]);
            }

            List<Account> batch = new ArrayList<>();
            for (long i = 10; i < 2010; i++) {
                batch.add(new Account(i, "user" + i + "@example.com", i));
            }
            batch.set(1500, new Account(1510, "bad@example.com", Double.NaN));
            try {
                accounts.saveAll(batch);
            } catch (InvalidEntityException e) {
                System.out.println("[SafetyExample] " + e.getMessage());
            }
            System.out.println("[SafetyExample] accounts after the refused batch: " + accounts.count());
        } catch (ConnectionException e) {
            System.out.println("[SafetyExample] server unreachable; applied? " + e.outcome());
            throw e;
        }
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }
}
