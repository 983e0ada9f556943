package dev.falkor.orm.converters.internal;

import dev.falkor.orm.spi.JsonCodec;
import java.lang.reflect.Type;

/**
 * {@link JsonCodec} on Jackson databind, an optional dependency: this class loads without it
 * and reports it missing; Jackson's classes are touched only by {@link Mapper}.
 */
public final class JacksonJsonCodec implements JsonCodec {
    private static final String ARTIFACT = "com.fasterxml.jackson.core:jackson-databind";

    @Override
    public boolean available() {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, JacksonJsonCodec.class.getClassLoader());
            return Mapper.usable();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String missing() {
        return ARTIFACT + " (on the module path, also `requires com.fasterxml.jackson.databind;` in your module)";
    }

    @Override
    public String toJson(Object value, Type type) {
        return Mapper.write(value, type);
    }

    @Override
    public Object fromJson(String json, Type type) {
        return Mapper.read(json, type);
    }

    /** The Jackson side, loaded only once Jackson is known to be there. */
    private static final class Mapper {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

        static boolean usable() {
            return JSON != null;
        }

        static String write(Object value, Type type) {
            try {
                return JSON.writerFor(JSON.getTypeFactory().constructType(type)).writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
            }
        }

        static Object read(String json, Type type) {
            try {
                return JSON.readValue(json, JSON.getTypeFactory().constructType(type));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("cannot read JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
