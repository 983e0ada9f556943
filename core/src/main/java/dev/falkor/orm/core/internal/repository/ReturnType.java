package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Slice;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * What a query method returns, analysed once at bootstrap: the container (single value,
 * {@code Optional}, {@code List}, {@code Stream}, {@code Page}, ...), the element kind
 * (entity, projection or scalar), whether it is asynchronous (a {@code CompletableFuture} or
 * {@code CompletionStage} of those) and the generic type of the result (inside the future).
 */
record ReturnType(Container container, Class<?> element, ElementKind kind, boolean async, Type generic) {

    enum Container { SINGLE, OPTIONAL, LIST, SET, STREAM, PAGE, SLICE, WINDOW, VOID }

    enum ElementKind { ENTITY, INTERFACE_PROJECTION, RECORD_PROJECTION, SCALAR }

    /**
     * The method's result; a {@code CompletableFuture<X>} or {@code CompletionStage<X>} is an
     * asynchronous method whose result is {@code X}.
     */
    static ReturnType of(Method method, Class<?> domainType) {
        Class<?> raw = method.getReturnType();
        Type generic = method.getGenericReturnType();
        boolean async = raw == CompletableFuture.class || raw == CompletionStage.class;
        if (async) {
            if (!(generic instanceof ParameterizedType pt)) {
                throw new MappingException(method.getDeclaringClass().getName() + "." + method.getName()
                        + ": declare what the returned " + raw.getSimpleName() + " completes with");
            }
            generic = pt.getActualTypeArguments()[0];
            if (generic instanceof Class<?> c) {
                raw = c;
            } else if (generic instanceof ParameterizedType inner && inner.getRawType() instanceof Class<?> c) {
                raw = c;
            } else {
                throw new MappingException(method.getDeclaringClass().getName() + "." + method.getName()
                        + ": the returned " + method.getReturnType().getSimpleName() + " must complete with a "
                        + "concrete type, not " + generic.getTypeName());
            }
        }
        Container container;
        Class<?> element;
        if (raw == void.class || raw == Void.class) {
            return new ReturnType(Container.VOID, void.class, ElementKind.SCALAR, async, generic);
        } else if (raw == Optional.class) {
            container = Container.OPTIONAL;
            element = argument(method, generic);
        } else if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
            container = Container.LIST;
            element = argument(method, generic);
        } else if (raw == Set.class) {
            container = Container.SET;
            element = argument(method, generic);
        } else if (raw == Stream.class) {
            container = Container.STREAM;
            element = argument(method, generic);
        } else if (raw == Page.class) {
            container = Container.PAGE;
            element = argument(method, generic);
        } else if (raw == Slice.class) {
            container = Container.SLICE;
            element = argument(method, generic);
        } else if (raw == Window.class) {
            container = Container.WINDOW;
            element = argument(method, generic);
        } else {
            container = Container.SINGLE;
            element = raw;
        }
        return new ReturnType(container, element, kindOf(element, domainType), async, generic);
    }

    static ElementKind kindOf(Class<?> element, Class<?> domainType) {
        if (element == domainType || MappingContext.isEntity(element)) {
            return ElementKind.ENTITY;
        }
        if (element.isRecord()) {
            return ElementKind.RECORD_PROJECTION;
        }
        if (element.isInterface() && !element.getName().startsWith("java.")) {
            return ElementKind.INTERFACE_PROJECTION;
        }
        return ElementKind.SCALAR;
    }

    private static Class<?> argument(Method method, Type generic) {
        if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof ParameterizedType inner
                && inner.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new MappingException(method.getDeclaringClass().getName() + "." + method.getName()
                + ": declare the element type of the returned " + method.getReturnType().getSimpleName());
    }

    boolean isCollectionLike() {
        return container == Container.LIST || container == Container.SET || container == Container.STREAM
                || container == Container.PAGE || container == Container.SLICE || container == Container.WINDOW;
    }
}
