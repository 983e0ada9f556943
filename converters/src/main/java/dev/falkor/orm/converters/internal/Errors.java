package dev.falkor.orm.converters.internal;

/** Error messages shared by the converters. */
final class Errors {
    private Errors() {
    }

    static IllegalArgumentException notStored(Class<?> javaType, String expected, Object got) {
        return new IllegalArgumentException("Cannot read " + javaType.getName() + ": expected " + expected
                + " in the graph but found " + (got == null ? "null" : got.getClass().getSimpleName() + " " + got));
    }
}
