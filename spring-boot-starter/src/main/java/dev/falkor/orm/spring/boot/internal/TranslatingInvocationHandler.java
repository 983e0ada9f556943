package dev.falkor.orm.spring.boot.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * The repository beans' proxy: calls the mapper's repository and rethrows what it throws translated
 * by a {@link PersistenceExceptionTranslator}; a returned {@code CompletableFuture} or
 * {@code CompletionStage} completes with the translated exception instead of the original (cancelling
 * it cancels the mapper's future).
 */
final class TranslatingInvocationHandler implements InvocationHandler {
    private final Object target;
    private final PersistenceExceptionTranslator translator;

    private TranslatingInvocationHandler(Object target, PersistenceExceptionTranslator translator) {
        this.target = target;
        this.translator = translator;
    }

    static <T> T proxy(Class<T> type, T target, PersistenceExceptionTranslator translator) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new TranslatingInvocationHandler(target, translator));
        return type.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Falkor ORM repository " + target;
            };
        }
        Object result;
        if (!java.lang.reflect.Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            method.trySetAccessible(); // a package-private repository interface
        }
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw translate(e.getCause());
        }
        if (result instanceof CompletionStage<?> stage
                && (method.getReturnType() == CompletableFuture.class || method.getReturnType() == CompletionStage.class)) {
            return translating(stage);
        }
        return result;
    }

    private CompletableFuture<Object> translating(CompletionStage<?> stage) {
        CompletableFuture<?> source = stage.toCompletableFuture();
        CompletableFuture<Object> out = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                source.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        source.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                out.completeExceptionally(translate(cause));
            }
        });
        // completed by the caller first (orTimeout, completeExceptionally, complete): the mapper's
        // future is completed too, so the statements not yet sent are not sent, as without the proxy
        out.whenComplete((value, failure) -> {
            if (!source.isDone()) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                source.completeExceptionally(cause != null ? cause
                        : new java.util.concurrent.CancellationException("completed by the caller"));
            }
        });
        return out;
    }

    private Throwable translate(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            DataAccessException translated = translator.translateExceptionIfPossible(runtime);
            if (translated != null) {
                return translated;
            }
        }
        return failure;
    }
}
