package dev.falkor.orm.api;

import java.util.UUID;

/** The default {@link IdGenerator}: a random UUID, as {@code UUID} or {@code String}. */
public final class UuidGenerator implements IdGenerator {
    @Override
    public Object generate(Class<?> idType, Class<?> entityType) {
        UUID id = UUID.randomUUID();
        if (idType == UUID.class) {
            return id;
        }
        if (idType == String.class) {
            return id.toString();
        }
        throw new MappingException("UuidGenerator makes UUID or String ids, but " + entityType.getName()
                + " has a " + idType.getName() + " id; choose another @GeneratedValue(generator = ...)");
    }
}
