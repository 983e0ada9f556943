package dev.falkor.orm.api;

import java.util.Optional;

/**
 * A unit of work: entities read while it is open (by {@link #find}, by repository methods and
 * queries on the same thread, through relationships) are managed, one Java object per stored
 * node, and {@link #flush()} / {@link #commit()} write what changed since they were read,
 * detected by comparing with what was read (no marking). Bound to the thread that opened it
 * until closed; not thread-safe.
 *
 * <pre>{@code
 * try (Session s = orm.openSession()) {
 *     Person p = s.find(Person.class, id).orElseThrow();
 *     p.setAge(31);
 *     p.getFriends().add(bob);
 *     s.commit();   // one statement: the changed property and the new relationship
 * }
 * }</pre>
 *
 * <p>What a flush writes goes to the graph as one batch: within the mapper's batch size it is one
 * statement, which the server applies atomically (all of it or, when a check fails, nothing);
 * above it, several statements, and a failure after the first leaves the earlier ones applied
 * ({@link CommitException#applied()}). Entities the caller no longer references are dropped from
 * the session (it holds them weakly), so streaming through many entities needs no {@link #clear()}.
 */
public interface Session extends AutoCloseable {

    /** The managed entity with this id: the one already in the session, else read (and managed). */
    <T> Optional<T> find(Class<T> type, Object id);

    /**
     * Schedules an entity to be saved by the next flush (a managed one that is unchanged is not
     * written). Returns it. Persisting another instance of a node the session manages makes that
     * instance the session's object for the node. {@code @PrePersist}/{@code @PreUpdate} run at
     * each flush attempt.
     */
    <T> T persist(T entity);

    /**
     * Deletes a managed (or any) entity at the next flush; its {@code @PreRemove} runs now, its
     * {@code @PostRemove} after the flush. Persisting it (or another instance of its node) again
     * before the flush cancels the removal.
     */
    void remove(Object entity);

    /**
     * Writes every change of the managed entities (properties, relationships), the entities
     * persisted and removed, in one batch; afterwards what was written is what the session
     * compares with.
     *
     * @throws CommitException if the write failed; its cause says why (a version conflict, a unique
     *         violation, ...), {@link CommitException#applied()} whether any of it reached the graph
     */
    void flush();

    /** {@link #flush()}: FalkorDB has no transactions to commit beyond what a flush writes. */
    void commit();

    /**
     * Discards what was not flushed: persisted and removed entities are forgotten, and managed
     * entities are set back to what was read: their properties, and their relationship fields
     * to the related objects read (not fields with relationship properties, nor read-only ones).
     */
    void rollback();

    /** True if {@code entity} is managed by this session. */
    boolean contains(Object entity);

    /** Stops managing {@code entity}: later changes to it are not written by a flush. */
    void detach(Object entity);

    /** Stops managing every entity (pending persists and removes are dropped too). */
    void clear();

    /** Ends the session without flushing; the thread is free for another. */
    @Override
    void close();
}
