package dev.falkor.orm.core.internal.exec;

import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import java.util.Objects;
import java.util.function.Function;

/**
 * An operation of the mapper as data: either its result, already known, or a statement to
 * run and what to make of the statement's result (a value, or the next step). The mapping
 * code builds steps and never does I/O itself, so the same lines serve the blocking API
 * ({@link Runner#run}) and the asynchronous one ({@link Runner#runAsync}).
 *
 * @param <T> what the operation produces
 */
public sealed interface Step<T> {

    /** A step whose result is known without asking the server. */
    record Done<T>(T value) implements Step<T> {
    }

    /**
     * Run {@code query}, then continue with {@code next}.
     *
     * @param idempotent running the statement twice has the effect of running it once (reads,
     *                   upserts and deletes by id): the retry policy may repeat it after a
     *                   connection failure with an unknown outcome
     */
    record Run<T>(GraphQuery query, boolean idempotent, Function<QueryResult, Step<T>> next,
                  Function<RuntimeException, Step<T>> recover) implements Step<T> {
        public Run {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(recover, "recover");
        }

        Run(GraphQuery query, boolean idempotent, Function<QueryResult, Step<T>> next) {
            this(query, idempotent, next, e -> {
                throw e;
            });
        }

        /** The same statement, with failures of this statement turned into {@code handler}'s step. */
        public Run<T> recoverWith(Function<RuntimeException, Step<T>> handler) {
            return new Run<>(query, idempotent, next, handler);
        }
    }

    static <T> Step<T> done(T value) {
        return new Done<>(value);
    }

    /** Runs {@code query} and maps its result. */
    static <T> Step<T> run(GraphQuery query, boolean idempotent, Function<QueryResult, T> mapping) {
        return new Run<>(query, idempotent, r -> done(mapping.apply(r)));
    }

    /** Runs {@code query}, then the step its result leads to. */
    static <T> Step<T> then(GraphQuery query, boolean idempotent, Function<QueryResult, Step<T>> next) {
        return new Run<>(query, idempotent, next);
    }

    /**
     * This step with {@code change} applied to every statement it runs, the later ones included
     * (they are built from the replies, so the change is applied as they are).
     */
    default Step<T> mapQueries(java.util.function.UnaryOperator<GraphQuery> change) {
        if (this instanceof Done<T>) {
            return this;
        }
        Run<T> r = (Run<T>) this;
        return new Run<>(change.apply(r.query()), r.idempotent(), result -> r.next().apply(result).mapQueries(change),
                e -> r.recover().apply(e).mapQueries(change));
    }

    /** This step's reads served from the result cache for {@code ttl}, depending on {@code regions} (null: unknown). */
    default Step<T> cached(java.time.Duration ttl, java.util.Set<String> regions) {
        return ttl == null ? this : mapQueries(q -> q.readOnly() ? q.cached(ttl).withRegions(regions) : q);
    }

    /** This step's result, mapped. */
    default <U> Step<U> map(Function<? super T, ? extends U> f) {
        return flatMap(t -> done(f.apply(t)));
    }

    /** This step, then the step its result leads to. */
    default <U> Step<U> flatMap(Function<? super T, Step<U>> f) {
        if (this instanceof Done<T> d) {
            return f.apply(d.value());
        }
        Run<T> r = (Run<T>) this;
        return new Run<>(r.query(), r.idempotent(), result -> r.next().apply(result).flatMap(f),
                e -> r.recover().apply(e).flatMap(f));
    }
}
