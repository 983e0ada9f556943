/**
 * JMH benchmarks of the mapper against hand-written Cypher on plain Jedis. Run on the class path
 * by {@code mvn -Pbench -pl bench -am verify -DskipTests} (JMH forks its JVMs with the class
 * path); declared as a module so it compiles against exactly what it requires.
 */
module dev.falkor.orm.bench {
    requires dev.falkor.orm.core;
    requires dev.falkor.orm.micrometer;
    requires dev.falkor.orm.embedded;
    requires dev.falkor.orm.transport.jedis;
    requires redis.clients.jedis;
    requires jmh.core;

    uses dev.falkor.orm.spi.TransportProvider;
}
