package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.api.MappingException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * Builds accessors and constructors from {@link MethodHandles}. Access goes through a
 * {@link MethodHandles.Lookup}: the one the user handed to the builder (from the entities'
 * own module, so no {@code opens} is needed), or the mapper's own, which needs the entity
 * package opened to {@code dev.falkor.orm.core}; the error says exactly which line to add.
 */
final class MethodHandleAccessors {
    private final MethodHandles.Lookup userLookup;

    MethodHandleAccessors(MethodHandles.Lookup userLookup) {
        this.userLookup = userLookup;
    }

    private MethodHandles.Lookup lookupFor(Class<?> type) {
        MethodHandles.Lookup base = userLookup != null ? userLookup : MethodHandles.lookup();
        try {
            return MethodHandles.privateLookupIn(type, base);
        } catch (IllegalAccessException | SecurityException e) {
            throw denied(type, e);
        }
    }

    private MappingException denied(Class<?> type, Exception e) {
        Module m = type.getModule();
        String pkg = type.getPackageName();
        String fix = m.isNamed()
                ? "add `opens " + pkg + " to dev.falkor.orm.core;` to the module-info.java of module "
                + m.getName() + ", or pass that module's MethodHandles.lookup() to FalkorOrm.builder().lookup(...)"
                : "pass MethodHandles.lookup() from the entity's package to FalkorOrm.builder().lookup(...)";
        return new MappingException("Cannot access " + type.getName() + ": " + e.getMessage() + ". To fix it, " + fix, e);
    }

    PropertyAccessor field(Field field) {
        MethodHandles.Lookup lookup = lookupFor(field.getDeclaringClass());
        MethodHandle getter;
        MethodHandle setter = null;
        try {
            getter = lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
            if (!Modifier.isFinal(field.getModifiers())) {
                setter = lookup.unreflectSetter(field)
                        .asType(MethodType.methodType(void.class, Object.class, Object.class));
            }
        } catch (IllegalAccessException e) {
            throw denied(field.getDeclaringClass(), e);
        }
        return new HandleAccessor(field.getDeclaringClass().getSimpleName() + "." + field.getName(), getter, setter);
    }

    PropertyAccessor recordComponent(RecordComponent component) {
        MethodHandles.Lookup lookup = lookupFor(component.getDeclaringRecord());
        try {
            MethodHandle getter = lookup.unreflect(component.getAccessor())
                    .asType(MethodType.methodType(Object.class, Object.class));
            return new HandleAccessor(component.getDeclaringRecord().getSimpleName() + "." + component.getName(),
                    getter, null);
        } catch (IllegalAccessException e) {
            throw denied(component.getDeclaringRecord(), e);
        }
    }

    /** A constructor as a handle taking {@code Object[]}. */
    /** A no-argument instance method as {@code (Object) -> void}: a lifecycle callback. */
    MethodHandle callback(java.lang.reflect.Method method) {
        MethodHandles.Lookup lookup = lookupFor(method.getDeclaringClass());
        try {
            return lookup.unreflect(method).asType(MethodType.methodType(void.class, Object.class));
        } catch (IllegalAccessException e) {
            throw denied(method.getDeclaringClass(), e);
        }
    }

    MethodHandle constructor(Constructor<?> constructor) {
        MethodHandles.Lookup lookup = lookupFor(constructor.getDeclaringClass());
        try {
            return lookup.unreflectConstructor(constructor)
                    .asSpreader(Object[].class, constructor.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw denied(constructor.getDeclaringClass(), e);
        }
    }

    private static final class HandleAccessor implements PropertyAccessor {
        private final String name;
        private final MethodHandle getter;
        private final MethodHandle setter;

        HandleAccessor(String name, MethodHandle getter, MethodHandle setter) {
            this.name = name;
            this.getter = getter;
            this.setter = setter;
        }

        @Override
        public Object get(Object entity) {
            try {
                return getter.invokeExact(entity);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("Reading " + name + " failed", t);
            }
        }

        @Override
        public void set(Object entity, Object value) {
            if (setter == null) {
                throw new IllegalStateException(name + " is final and can only be set through the constructor");
            }
            try {
                setter.invokeExact(entity, value);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("Writing " + name + " failed", t);
            }
        }

        @Override
        public boolean writable() {
            return setter != null;
        }
    }
}
