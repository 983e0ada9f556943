package dev.falkor.orm.api;

/** The {@link Ref}s the caller makes. */
final class Refs {
    private Refs() {
    }

    /** A reference whose target is known. */
    record Fixed<T>(T target) implements Ref<T> {
        @Override
        public T get() {
            return target;
        }

        @Override
        public boolean isLoaded() {
            return true;
        }

        @Override
        public String toString() {
            return "Ref(" + target + ")";
        }
    }
}
