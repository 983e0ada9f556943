package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.core.RelationshipModel.Company;
import dev.falkor.orm.core.RelationshipModel.Person;
import dev.falkor.orm.core.RelationshipModel.PersonRepository;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.core.model.MemberRepository;
import dev.falkor.orm.embedded.EmbeddedCluster;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.embedded.EmbeddedReplication;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.value.IntegerValue;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The mapper on Redis' scale-out, for real: every read it sends is a {@code GRAPH.RO_QUERY} (a
 * mapper pointed at a replica reads everything and cannot write), and tenants' graphs on the
 * shards of a cluster share one transport. Runs on the transport the test run chose.
 */
class ScaleOutMapperTest {

    interface AsyncMembers extends AsyncRepository<Member, Long> {
    }

    static TransportProvider provider() {
        String name = System.getProperty("falkor.orm.transport");
        return ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> name == null || p.name().equals(name)).findFirst().orElseThrow();
    }

    private static FalkorOrm.Builder mapper(Transport transport, String graph) {
        return FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .entities(Person.class, Company.class, Member.class);
    }

    private static long count(Transport t, String graph, String label) {
        return ((IntegerValue) t.execute(GraphQuery.read(graph, "MATCH (n:" + label + ") RETURN count(n)", Map.of()))
                .scalar()).value();
    }

    @Test
    void everyReadTheMapperSendsIsReadOnlySoAReplicaServesThemAll() throws Exception {
        try (EmbeddedReplication servers = EmbeddedReplication.start(1);
             Transport primary = provider().create(TransportConfig.fromUrl(servers.primary().url()));
             Transport replica = provider().create(TransportConfig.fromUrl(servers.replicas().get(0).url()))) {
            try (FalkorOrm writer = mapper(primary, "ro").build()) {
                Person ann = new Person("ann", "Ann");
                Person bob = new Person("bob", "Bob");
                ann.friends.add(bob);
                ann.employer = new Company("acme", "Acme");
                writer.repository(PersonRepository.class).saveAll(List.of(ann, bob));
                List<Member> members = new ArrayList<>();
                for (int i = 1; i <= 30; i++) {
                    members.add(new Member(i, "m" + i, 20 + i, i % 2 == 0, i + 0.5, i <= 10 ? "Cork" : "Oslo",
                            List.of("t"), LocalDate.of(2020, 1, i % 28 + 1)));
                }
                writer.repository(MemberRepository.class).saveAll(members);
            }
            assertEquals(1, servers.waitForReplicas(Duration.ofSeconds(5)));

            // VALIDATE reads the replica's indexes (created on the primary) with RO_QUERY too
            try (FalkorOrm reader = mapper(replica, "ro").schemaMode(SchemaMode.VALIDATE).build()) {
                PersonRepository people = reader.repository(PersonRepository.class);
                Person ann = people.findById("ann").orElseThrow();
                assertEquals("Bob", ann.friends.get(0).name, "a lazy relationship loads from the replica");
                assertEquals("Acme", people.findById("ann", FetchPlan.of("employer")).orElseThrow().employer.name);
                assertEquals(1, people.findByNameStartingWith("A", FetchPlan.of("friends")).size());
                assertEquals("Bob", people.withFriends("ann").orElseThrow().friends.get(0).name);
                assertEquals(2, people.findAll().size());
                assertTrue(people.existsById("bob"));
                MemberRepository members = reader.repository(MemberRepository.class);
                assertEquals(30, members.count());
                assertEquals(10, members.findByCity("Cork").size());
                assertEquals(15, members.findByActive(true, Pageable.of(0, 5)).totalElements());
                assertEquals(3, members.findFirst3ByActiveTrueOrderByScoreDesc().size());
                assertEquals(30, members.findAll(Pageable.of(2, 7)).totalElements());
                assertEquals(List.of(30L), reader.query("MATCH (m:Member) RETURN count(m)").list(Long.class));
                assertEquals(30L, reader.asyncRepository(AsyncMembers.class).count().get(30, TimeUnit.SECONDS));

                // and writes are refused by the replica, naming why; nothing changes
                FalkorOrmException e = assertThrows(FalkorOrmException.class,
                        () -> members.save(new Member(99, "x", 1, true, 1, "Rome", List.of(), LocalDate.of(2020, 1, 1))));
                assertTrue(e.getMessage().contains("READONLY"), e.getMessage());
            }
            assertEquals(30, count(primary, "ro", "Member"));
        }
    }

    @Test
    void tenantsOnDifferentShardsShareOneTransport() {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(3)) {
            List<String> tenants = new ArrayList<>();
            Set<Integer> shards = new HashSet<>();
            for (int i = 0; tenants.size() < 3 && i < 1000; i++) {
                String g = "tenant-" + i;
                if (shards.add(cluster.nodeForKey(g).port())) {
                    tenants.add(g);
                }
            }
            TransportConfig config = TransportConfig.builder().cluster(String.join(",", cluster.seeds()).split(","))
                    .build();
            try (Transport shared = provider().create(config)) {
                for (int t = 0; t < tenants.size(); t++) {
                    try (FalkorOrm orm = mapper(shared, tenants.get(t)).build()) {
                        assertSame(shared, orm.transport(), "no pool of its own");
                        MemberRepository members = orm.repository(MemberRepository.class);
                        List<Member> rows = new ArrayList<>();
                        for (int i = 0; i <= t; i++) {
                            rows.add(new Member(i, tenants.get(t) + "-" + i, 30, true, 1.5, "Cork", List.of(),
                                    LocalDate.of(2021, 2, 3)));
                        }
                        members.saveAll(rows);
                        assertEquals(t + 1, members.count());
                        assertEquals(tenants.get(t) + "-0", members.findById(0L).orElseThrow().getName());
                    }
                }
                // closing a mapper left the shared transport open, and each graph is on its own shard
                for (int t = 0; t < tenants.size(); t++) {
                    EmbeddedFalkorDB owner = cluster.nodeForKey(tenants.get(t));
                    try (Transport direct = provider().create(TransportConfig.fromUrl(owner.url()))) {
                        assertEquals(t + 1, count(direct, tenants.get(t), "Member"), tenants.get(t));
                    }
                    assertEquals(t + 1, count(shared, tenants.get(t), "Member"));
                }
                assertTrue(shared.listGraphs().containsAll(tenants));
                assertFalse(tenants.isEmpty());
            }
        }
    }
}
