package dev.falkor.orm.examples;

import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Starts an embedded FalkorDB, runs Cypher through the transport found by ServiceLoader, prints the rows. */
public final class HelloFalkor {
    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        // the one named by -Dfalkor.orm.transport (this module has two), else the first found
        String name = System.getProperty("falkor.orm.transport");
        TransportProvider provider = ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> name == null || p.name().equals(name)).findFirst().orElseThrow();
        try (Transport transport = provider.create(TransportConfig.fromUrl(url))) {
            transport.execute(GraphQuery.write("hello",
                    "UNWIND $names AS name CREATE (:Greeting {text: 'Hello, ' + name, at: $n})",
                    Map.of("names", List.of("Ada", "Grace", "Edsger"), "n", 1)));
            QueryResult r = transport.execute(GraphQuery.read("hello",
                    "MATCH (g:Greeting) RETURN g.text AS text ORDER BY text", Map.of()));
            System.out.println("[HelloFalkor] via " + transport.providerName() + ", columns " + r.columns());
            r.rows().forEach(row -> System.out.println("  " + row.get(0).asJava()));
            System.out.printf("  server time %.3f ms%n", r.statistics().executionTimeMillis());
            transport.deleteGraph("hello");
        }
    }
}
