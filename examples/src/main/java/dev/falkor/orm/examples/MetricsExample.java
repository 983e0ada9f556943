package dev.falkor.orm.examples;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.micrometer.FalkorMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Micrometer: the mapper's statements and repository calls as timers in a meter registry. */
public final class MetricsExample {

    @Node("Sensor")
    public record Sensor(@Id String id, String room, double reading) {
    }

    public interface Sensors extends Repository<Sensor, String> {
        List<Sensor> findByRoom(String room);
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry(); // Prometheus, OTLP...: any MeterRegistry
        try (FalkorOrm orm = FalkorOrm.builder()
                .url(url)
                .graph("sensors")
                .observer(FalkorMetrics.of(meters))
                .lookup(MethodHandles.lookup())
                .build()) {
            Sensors sensors = orm.repository(Sensors.class);
            sensors.saveAll(List.of(new Sensor("s1", "lab", 20.5), new Sensor("s2", "lab", 21.0),
                    new Sensor("s3", "hall", 18.0)));
            System.out.println("sensors in the lab: " + sensors.findByRoom("lab").size());
            for (Timer t : meters.find(FalkorMetrics.STATEMENTS).timers()) {
                System.out.printf("  %s %-5s %s: %d statement(s), %.2f ms in all%n", FalkorMetrics.STATEMENTS,
                        t.getId().getTag("kind"), t.getId().getTag("outcome"), t.count(), t.totalTime(TimeUnit.MILLISECONDS));
            }
            for (Timer t : meters.find(FalkorMetrics.INVOCATIONS).timers()) {
                System.out.printf("  %s %s.%s: %d call(s)%n", FalkorMetrics.INVOCATIONS, t.getId().getTag("repository"),
                        t.getId().getTag("method"), t.count());
            }
            orm.transport().deleteGraph("sensors");
        }
    }
}
