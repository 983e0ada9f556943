package dev.falkor.orm.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.testkit.ServerLauncher;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The container route. Without a reachable container engine (as on this project's CI machines)
 * the test that needs one is skipped, saying why; the launcher's discovery and its refusal
 * without an engine are tested everywhere.
 */
class FalkorDBContainerTest {

    @Node("TcItem")
    public record Item(@Id Long id, String name) {
    }

    public interface Items extends Repository<Item, Long> {
    }

    @Test
    void theLauncherIsFoundByName() {
        assertTrue(ServiceLoader.load(ServerLauncher.class).stream()
                .anyMatch(p -> p.get().name().equals("testcontainers")));
    }

    @Test
    void withoutAnEngineTheLauncherSaysWhatToDoInstead() {
        Assumptions.assumeFalse(ContainerLauncher.engineReachable(), "a container engine is reachable here");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ContainerLauncher().launch());
        assertTrue(e.getMessage().contains("no container engine") && e.getMessage().contains("FALKORDB_URL"),
                e.getMessage());
    }

    @Test
    void theOfficialImageServesTheMapper() {
        Assumptions.assumeTrue(ContainerLauncher.engineReachable(),
                "no container engine reachable (Docker or compatible): the falkordb/falkordb image cannot run here");
        try (FalkorDBContainer db = new FalkorDBContainer()) {
            db.start();
            try (FalkorOrm orm = FalkorOrm.builder().url(db.url()).graph("tc").lookup(MethodHandles.lookup())
                    .transportProvider("jedis").build()) {
                orm.repository(Items.class).save(new Item(1L, "boxed"));
                assertEquals("boxed", orm.transport().execute(GraphQuery.read("tc",
                        "MATCH (i:TcItem {id: 1}) RETURN i.name", Map.of())).scalar().asJava());
            }
        }
    }
}
