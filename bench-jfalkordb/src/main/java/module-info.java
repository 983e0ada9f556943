/**
 * The JFalkorDB baseline of the benchmarks, on its own class path (JFalkorDB needs Jedis 6.2).
 * Run by {@code mvn -Pbench -pl bench-jfalkordb -am verify -DskipTests}.
 */
module dev.falkor.orm.bench.jfalkordb {
    requires dev.falkor.orm.embedded;
    requires jfalkordb;
    requires redis.clients.jedis;
    requires jmh.core;
}
