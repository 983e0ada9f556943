package dev.falkor.orm.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Indexed;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.testkit.GraphTest;
import dev.falkor.orm.testkit.SharedServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a deployment pipeline runs it: output and exit codes, on the real server. */
class MigrationsCliTest extends GraphTest {

    @Node("CliThing")
    public static class Thing {
        @Id String id;
        @Indexed String name;
    }

    private record Run(int code, String out, String err) {
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MigrationsCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void migrateInfoFailuresAndGenerateWithExitCodes(@TempDir Path dir) throws IOException {
        String g = graph + "_cli";
        String url = SharedServer.url();
        Files.writeString(dir.resolve("V001__things.cypher"), "CREATE (:CliThing {id: 'a'});\nCREATE (:CliThing {id: 'b'})");
        Run migrate = cli("migrate", "--url", url, "--graph", g, "--location", dir.toString());
        assertEquals(0, migrate.code(), migrate.err());
        assertTrue(migrate.out().contains("Applied [001]") && migrate.out().contains("2/2"), migrate.out());
        Run info = cli("info", "--url", url, "--graph", g, "--location", dir.toString());
        assertEquals(0, info.code());
        assertTrue(info.out().contains("001") && info.out().contains("SUCCESS"), info.out());

        Files.writeString(dir.resolve("V002__broken.cypher"), "CREATE (:CliThing {id: 'c'});\nNOT CYPHER");
        Run failed = cli("migrate", "--url", url, "--graph", g, "--location", dir.toString());
        assertEquals(1, failed.code(), "a migration problem");
        assertTrue(failed.err().contains("statement 2 of 2"), failed.err());
        assertEquals(1, cli("info", "--url", url, "--graph", g, "--location", dir.toString()).code(), "a FAILED entry");
        assertEquals(3L, ((Number) transport.execute(GraphQuery.read(g, "MATCH (t:CliThing) RETURN count(t)", Map.of()))
                .scalar().asJava()).longValue());

        Run generate = cli("generate", "--url", url, "--graph", g, "--location", dir.toString(), "--entity",
                Thing.class.getName(), "--out", dir.resolve("next").toString());
        assertEquals(0, generate.code(), generate.err());
        String script = Files.readString(dir.resolve("next").resolve("V003__schema.cypher"));
        assertTrue(script.contains("CREATE INDEX FOR (n:`CliThing`) ON (n.`name`)"), generate.out() + script);

        assertEquals(2, cli("migrate", "--graph").code(), "wrong usage");
        assertEquals(3, cli("info", "--url", "redis://127.0.0.1:1", "--graph", g).code(), "unreachable");
        Run help = cli("migrate", "--help");
        assertTrue(help.out().contains("--target") && help.out().contains("Applies pending migrations"), help.out());
        transport.deleteGraph(g);
    }
}
