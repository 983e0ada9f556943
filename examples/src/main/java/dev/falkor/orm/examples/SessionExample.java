package dev.falkor.orm.examples;

import dev.falkor.orm.api.CommitException;
import dev.falkor.orm.api.OptimisticLockException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.Session;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.LastModifiedDate;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Version;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.List;

/**
 * A unit of work: two accounts read in a session, changed, and written by one commit (one
 * statement, all or nothing) without marking anything; a versioned entity changed meanwhile by
 * another writer makes the commit fail with nothing written.
 */
public final class SessionExample {

    @Node("Wallet")
    public static class Wallet {
        @Id Long id;
        String owner;
        long cents;
        @Version Long version;
        @LastModifiedDate Instant modified;

        Wallet() {
        }

        Wallet(long id, String owner, long cents) {
            this.id = id;
            this.owner = owner;
            this.cents = cents;
        }
    }

    public interface Wallets extends Repository<Wallet, Long> {
    }

    private SessionExample() {
    }

    public static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder().url(url).graph("sessions").lookup(MethodHandles.lookup()).build()) {
            orm.transport().deleteGraph("sessions");
            Wallets wallets = orm.repository(Wallets.class);
            wallets.saveAll(List.of(new Wallet(1, "ada", 10_000), new Wallet(2, "bob", 500)));

            try (Session s = orm.openSession()) {
                Wallet ada = s.find(Wallet.class, 1L).orElseThrow();
                Wallet bob = s.find(Wallet.class, 2L).orElseThrow();
                ada.cents -= 2_500;
                bob.cents += 2_500;
                s.commit(); // both changes, one statement, versions checked and moved
                System.out.println("[SessionExample] after the transfer: ada " + ada.cents + " (version " + ada.version
                        + "), bob " + bob.cents + " (version " + bob.version + ")");
            }

            try (Session s = orm.openSession()) {
                Wallet ada = s.find(Wallet.class, 1L).orElseThrow();
                Wallet bob = s.find(Wallet.class, 2L).orElseThrow();
                // another application pays bob meanwhile
                orm.query("MATCH (w:Wallet {id: 2}) SET w.cents = w.cents + 100, w.version = w.version + 1").write()
                        .execute();
                ada.cents -= 1_000;
                bob.cents += 1_000;
                try {
                    s.commit();
                } catch (CommitException e) {
                    System.out.println("[SessionExample] commit refused (" + (e.getCause() instanceof OptimisticLockException
                            ? "bob's wallet changed meanwhile" : e.getMessage()) + "), applied: " + e.applied());
                }
            }
            System.out.println("[SessionExample] stored: ada " + wallets.findById(1L).orElseThrow().cents + ", bob "
                    + wallets.findById(2L).orElseThrow().cents);
        }
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }
}
