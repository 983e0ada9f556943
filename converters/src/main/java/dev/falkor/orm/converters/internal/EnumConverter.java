package dev.falkor.orm.converters.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Any enum, stored as {@link Enum#name()}; read back with the declared enum class. An enum
 * constant with a body (an anonymous subclass) is supported too.
 */
public final class EnumConverter extends StringStoredConverter<Enum<?>> {

    /** For {@link java.util.ServiceLoader}. */
    public EnumConverter() {
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<Enum<?>> javaType() {
        return (Class<Enum<?>>) (Class<?>) Enum.class;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type != null && type != Enum.class && Enum.class.isAssignableFrom(type);
    }

    @Override
    String format(Enum<?> value) {
        return value.name();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Enum<?> parse(String text, Class<?> targetType) {
        Class<?> type = enumClass(targetType);
        for (Object constant : type.getEnumConstants()) {
            if (((Enum) constant).name().equals(text)) {
                return (Enum<?>) constant;
            }
        }
        throw new ReadException("No constant \"" + text + "\" in enum " + type.getName()
                + " (constants: " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum) c).name())
                        .collect(Collectors.joining(", ")) + ")");
    }

    private static Class<?> enumClass(Class<?> targetType) {
        Class<?> type = targetType;
        while (type != null && !type.isEnum()) {
            type = type.getSuperclass();
        }
        if (type == null) {
            throw new ReadException("Cannot read an enum: target type "
                    + (targetType == null ? "null" : targetType.getName()) + " is not an enum");
        }
        return type;
    }
}
