package dev.falkor.orm.examples;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.api.annotation.Unique;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous API on the Lettuce transport: an {@link AsyncRepository} with derived and
 * {@code @Query} methods returning futures, many calls in flight from one thread, and a typed
 * error arriving through the future.
 */
public final class AsyncExample {

    @Node("Sensor")
    public static class Sensor {
        @Id String id;
        @Unique String serial;
        String room;
        double reading;

        Sensor() {
        }

        Sensor(String id, String serial, String room, double reading) {
            this.id = id;
            this.serial = serial;
            this.room = room;
            this.reading = reading;
        }
    }

    public interface Sensors extends AsyncRepository<Sensor, String> {
        CompletableFuture<List<Sensor>> findByRoomOrderByIdAsc(String room);

        CompletableFuture<Long> countByReadingGreaterThan(double value);

        @Query("MATCH (s:Sensor) RETURN s.room AS room, avg(s.reading) AS average ORDER BY room")
        CompletionStage<List<RoomAverage>> averages();
    }

    /** A projection of the {@code @Query} columns. */
    public record RoomAverage(String room, double average) {
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder()
                .url(url)
                .transportProvider("lettuce") // one multiplexed connection, no thread waits for a reply
                .graph("async")
                .lookup(MethodHandles.lookup())
                .build()) {
            Sensors sensors = orm.asyncRepository(Sensors.class);

            // 200 saves in flight at once, from this one thread
            List<CompletableFuture<Sensor>> saves = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                saves.add(sensors.save(new Sensor("s" + i, "SN-" + i, "room" + (i % 4), i / 10.0)));
            }
            CompletableFuture.allOf(saves.toArray(new CompletableFuture<?>[0])).join();

            long hot = sensors.countByReadingGreaterThan(15.0).join();
            List<Sensor> room1 = sensors.findByRoomOrderByIdAsc("room1").join();
            System.out.println("[AsyncExample] " + hot + " sensors read above 15.0; room1 has " + room1.size());
            sensors.averages().thenAccept(rows -> rows.forEach(r ->
                    System.out.printf("[AsyncExample] %s averages %.2f%n", r.room(), r.average())))
                    .toCompletableFuture().join();

            // errors arrive through the future, typed
            try {
                sensors.save(new Sensor("dup", "SN-7", "room9", 0)).join();
            } catch (CompletionException e) {
                ConstraintViolationException cause = (ConstraintViolationException) e.getCause();
                System.out.println("[AsyncExample] refused as expected: " + cause.getClass().getSimpleName());
            }
            List<String> rooms = orm.query("MATCH (s:Sensor) RETURN DISTINCT s.room ORDER BY s.room")
                    .listAsync(String.class).join();
            System.out.println("[AsyncExample] rooms: " + rooms);
            orm.transport().deleteGraph("async");
        }
    }
}
