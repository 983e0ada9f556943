package dev.falkor.orm.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The CRUD operations of {@link Repository}, without blocking: every method returns at once
 * with a future that completes when the server has answered. Declare an interface that extends
 * it and get an implementation from {@code FalkorOrm#asyncRepository(Class)}:
 *
 * <pre>{@code
 * interface People extends AsyncRepository<Person, String> {
 *     CompletableFuture<List<Person>> findByCity(String city);      // derived, asynchronous
 *     @Query("MATCH (p:Person) WHERE p.age > $age RETURN p")
 *     CompletionStage<List<Person>> olderThan(int age);              // custom, asynchronous
 * }
 * people.save(ann).thenCompose(saved -> people.findByCity("Cork")).thenAccept(...);
 * }</pre>
 *
 * <p>Query methods of any repository may return {@code CompletableFuture<X>} or
 * {@code CompletionStage<X>} for any result {@code X} a blocking method could return.
 *
 * <p>Semantics are those of the blocking methods; the mapping, validation, converters and
 * error translation are the same code. In particular:
 * <ul>
 *   <li><b>Errors</b> arrive through the future, as the same typed exceptions
 *       ({@link ConstraintViolationException}, {@link InvalidEntityException}, ...); bad input
 *       fails the future before anything is sent. {@code join()} wraps them in a
 *       {@link java.util.concurrent.CompletionException} and {@code get()} in an
 *       {@link java.util.concurrent.ExecutionException}, as the JDK does: the cause is the typed
 *       exception.</li>
 *   <li><b>Threads</b>: on a natively asynchronous transport (Lettuce) no thread waits for a
 *       reply; on a blocking one (Jedis) each statement runs on the transport's bounded executor.
 *       Callbacks attached to the future run on the thread that completes it (the transport's I/O
 *       or executor thread): do not block in them, or use the {@code ...Async(fn, executor)}
 *       forms.</li>
 *   <li><b>Cancellation and timeouts</b>: cancelling the future (or {@code orTimeout}) stops
 *       the statements not yet sent; a statement already sent runs to its end on the server, so
 *       a cancelled write may still be applied. Per-statement timeouts are the transport's
 *       ({@code TransportConfig}).</li>
 *   <li><b>Sessions</b>: asynchronous calls take no part in a {@link Session}; made on a thread
 *       with an open session they fail with {@link IllegalStateException}.</li>
 * </ul>
 *
 * @param <T>  the entity type
 * @param <ID> its id type
 */
public interface AsyncRepository<T, ID> {

    /** As {@link Repository#save}. */
    <S extends T> CompletableFuture<S> save(S entity);

    /** As {@link Repository#saveAll}. */
    <S extends T> CompletableFuture<List<S>> saveAll(Iterable<S> entities);

    /** As {@link Repository#findById(Object)}. */
    CompletableFuture<Optional<T>> findById(ID id);

    /** As {@link Repository#findById(Object, FetchPlan)}. */
    CompletableFuture<Optional<T>> findById(ID id, FetchPlan fetch);

    /** As {@link Repository#findAllById(Iterable)}. */
    CompletableFuture<List<T>> findAllById(Iterable<ID> ids);

    /** As {@link Repository#findAllById(Iterable, FetchPlan)}. */
    CompletableFuture<List<T>> findAllById(Iterable<ID> ids, FetchPlan fetch);

    /** As {@link Repository#findAll()}. */
    CompletableFuture<List<T>> findAll();

    /** As {@link Repository#findAll(FetchPlan)}. */
    CompletableFuture<List<T>> findAll(FetchPlan fetch);

    /** As {@link Repository#findAll(Sort)}. */
    CompletableFuture<List<T>> findAll(Sort sort);

    /** As {@link Repository#findAll(Pageable)}. */
    CompletableFuture<Page<T>> findAll(Pageable pageable);

    /** As {@link Repository#findAll(ScrollPosition, int, Sort)}. */
    CompletableFuture<Window<T>> findAll(ScrollPosition position, int size, Sort sort);

    /** As {@link Repository#existsById}. */
    CompletableFuture<Boolean> existsById(ID id);

    /** As {@link Repository#count}. */
    CompletableFuture<Long> count();

    /** As {@link Repository#deleteById}. */
    CompletableFuture<Void> deleteById(ID id);

    /** As {@link Repository#delete}. */
    CompletableFuture<Void> delete(T entity);

    /** As {@link Repository#deleteAll()}. */
    CompletableFuture<Void> deleteAll();

    /** As {@link Repository#deleteAll(Iterable)}. */
    CompletableFuture<Void> deleteAll(Iterable<? extends T> entities);
}
