package dev.falkor.orm.examples;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Cacheable;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spi.cache.CacheStatistics;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.List;

/**
 * The result cache (here Caffeine, in this JVM): {@code @Cacheable} reads served from memory,
 * invalidated by the mapper's writes to what they depend on.
 */
public final class CacheExample {

    @Cacheable // findById results are cached
    @Node("Product")
    public static class Product {
        @Id String sku;
        String name;
        double price;

        Product() {
        }

        Product(String sku, String name, double price) {
            this.sku = sku;
            this.name = name;
            this.price = price;
        }
    }

    public interface Products extends Repository<Product, String> {
        @Cacheable(ttl = "PT10M")
        List<Product> findByPriceLessThanOrderByPriceAsc(double price);

        @Query(value = "MATCH (p:Product) SET p.price = p.price * $factor", write = true, regions = "Product")
        void reprice(double factor);
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder()
                .url(url)
                .graph("shop")
                .cache("caffeine")                 // the module on the path; "redis" shares it between JVMs
                .cacheTtl(Duration.ofMinutes(1))   // for @Cacheable without a ttl
                .lookup(MethodHandles.lookup())
                .build()) {
            Products products = orm.repository(Products.class);
            products.saveAll(List.of(new Product("A1", "Kettle", 25.0), new Product("B2", "Toaster", 40.0)));

            for (int i = 0; i < 1_000; i++) {
                products.findById("A1");           // the first goes to the server, the rest come from memory
            }
            System.out.println("[CacheExample] cheap: " + products.findByPriceLessThanOrderByPriceAsc(30).size());
            products.reprice(2.0);                 // a write: invalidates what depends on Product
            System.out.println("[CacheExample] after repricing, the kettle costs "
                    + products.findById("A1").orElseThrow().price + "; cheap: "
                    + products.findByPriceLessThanOrderByPriceAsc(30).size());
            CacheStatistics stats = orm.resultCache().orElseThrow().statistics();
            System.out.printf("[CacheExample] %d hits, %d misses (%.1f%% hit rate), %d invalidations%n",
                    stats.hits(), stats.misses(), 100 * stats.hitRate(), stats.invalidations());
            orm.transport().deleteGraph("shop");
        }
    }
}
