package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.model.Animal;
import dev.falkor.orm.core.model.AnimalRepository;
import dev.falkor.orm.core.model.Dog;
import dev.falkor.orm.core.model.DogRepository;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polymorphic reads choose among declared types only, whatever repositories exist or in which order. */
class LabelIndexTest extends GraphTestSupport {

    @Node("Vehicle")
    static sealed class Vehicle permits Car, Truck {
        @Id @GeneratedValue String id;
        String maker;
    }

    @Node("Car")
    static final class Car extends Vehicle {
        int seats;
    }

    @Node("Truck")
    static final class Truck extends Vehicle {
        double payload;
    }

    interface VehicleRepository extends Repository<Vehicle, String> {
    }

    interface CarRepository extends Repository<Car, String> {
    }

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DELETE n", Map.of());
    }

    private FalkorOrm orm(Class<?>... declared) {
        return FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())
                .entities(declared).build();
    }

    @Test
    void sealedTypesBringTheirPermittedSubtypes() {
        try (FalkorOrm o = orm(Vehicle.class)) {
            cypher("CREATE (:Vehicle:Car {id: 'c1', maker: 'Fiat', seats: 4}), (:Vehicle:Truck {id: 't1', maker: 'MAN',"
                    + " payload: 0.30000000000000004})", Map.of());
            VehicleRepository vehicles = o.repository(VehicleRepository.class);
            Car car = assertInstanceOf(Car.class, vehicles.findById("c1").orElseThrow());
            assertEquals(4, car.seats);
            Truck truck = assertInstanceOf(Truck.class, vehicles.findById("t1").orElseThrow());
            assertEquals(0.30000000000000004, truck.payload, "a subtype's exact doubles are read too");
        }
    }

    @Test
    void readsDoNotDependOnTheOrderRepositoriesAreCreatedIn() {
        cypher("CREATE (:Animal:Dog {id: 'rex', name: 'Rex', goodBoy: true})", Map.of());
        Function<Boolean, Class<?>> read = dogsFirst -> {
            try (FalkorOrm o = orm(Animal.class)) {
                if (dogsFirst) {
                    o.repository(DogRepository.class);
                }
                Class<?> type = o.repository(AnimalRepository.class).findById("rex").orElseThrow().getClass();
                o.repository(DogRepository.class);
                assertEquals(type, o.repository(AnimalRepository.class).findById("rex").orElseThrow().getClass());
                return type;
            }
        };
        assertEquals(Animal.class, read.apply(true), "Dog is not declared, so it is not chosen");
        assertEquals(Animal.class, read.apply(false));
        try (FalkorOrm o = orm(Animal.class, Dog.class)) {
            assertInstanceOf(Dog.class, o.repository(AnimalRepository.class).findById("rex").orElseThrow());
        }
    }
}
