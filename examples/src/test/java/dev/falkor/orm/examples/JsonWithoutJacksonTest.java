package dev.falkor.orm.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Json;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.core.SchemaMode;
import java.lang.invoke.MethodHandles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This module has the converters but not Jackson: a {@code @Json} field fails at bootstrap, naming field and artifact. */
class JsonWithoutJacksonTest {

    @Node("JNoJackson")
    static class Holder {
        @Id String id;
        @Json List<String> values;
    }

    @Test
    void aJsonFieldWithoutJacksonFailsAtBootstrapNamingWhatToAdd() {
        MappingException e = assertThrows(MappingException.class, () -> FalkorOrm.builder()
                .url("redis://127.0.0.1:1").transportProvider("jedis").graph("g").cache("none").schemaMode(SchemaMode.NONE)
                .lookup(MethodHandles.lookup()).entities(Holder.class).build());
        assertTrue(e.getMessage().contains("Holder.values") && e.getMessage().contains("jackson-databind"),
                e.getMessage());
    }
}
