package dev.falkor.orm.examples;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedCluster;
import dev.falkor.orm.embedded.EmbeddedReplication;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.List;

/**
 * Scale-out on Redis' own machinery, all started locally from the same binaries: reads served by
 * a replica while writes go to the primary, and one graph per tenant spread over the shards of a
 * Redis Cluster, every tenant's mapper sharing one transport.
 */
public final class ScaleOutExample {

    @Node("Invoice")
    public static class Invoice {
        @Id String number;
        double amount;

        Invoice() {
        }

        Invoice(String number, double amount) {
            this.number = number;
            this.amount = amount;
        }
    }

    public interface Invoices extends Repository<Invoice, String> {
    }

    public static void main(String[] args) {
        run();
    }

    static void run() {
        try (EmbeddedReplication servers = EmbeddedReplication.start(1)) {
            String replica = servers.replicas().get(0).host() + ":" + servers.replicas().get(0).port();
            TransportConfig config = TransportConfig.fromUrl(servers.primary().url()).toBuilder()
                    .replicas(replica)                              // the primary's replica
                    .readFrom(TransportConfig.ReadFrom.REPLICA)      // GRAPH.RO_QUERY goes there
                    .readYourWrites(Duration.ofSeconds(1))           // each write waits for the replica
                    .build();
            try (FalkorOrm orm = FalkorOrm.builder().transportProvider("lettuce").transportConfig(config)
                    .graph("invoices").lookup(MethodHandles.lookup()).build()) {
                Invoices invoices = orm.repository(Invoices.class);
                invoices.save(new Invoice("INV-1", 120.50));
                System.out.println("[ScaleOutExample] written to the primary, read from replica " + replica + ": "
                        + invoices.findById("INV-1").orElseThrow().amount);
            }
        }

        try (EmbeddedCluster cluster = EmbeddedCluster.start(3)) {
            TransportConfig config = TransportConfig.builder().cluster(cluster.seeds().toArray(new String[0])).build();
            try (Transport shared = FalkorOrm.openTransport("lettuce", config)) { // one transport, every tenant
                for (String tenant : List.of("acme", "globex", "initech")) {
                    try (FalkorOrm orm = FalkorOrm.builder().transport(shared).graph("tenant:" + tenant)
                            .lookup(MethodHandles.lookup()).build()) {
                        Invoices invoices = orm.repository(Invoices.class);
                        invoices.save(new Invoice(tenant + "-1", tenant.length() * 10.0));
                        System.out.println("[ScaleOutExample] tenant " + tenant + " lives on shard port "
                                + cluster.nodeForKey("tenant:" + tenant).port() + ", " + invoices.count()
                                + " invoice(s)");
                    }
                }
            }
        }
    }
}
