package dev.falkor.orm.api;

import java.util.List;
import java.util.Optional;

/**
 * CRUD for one entity type. Declare an interface that extends it, and get an implementation
 * from {@code FalkorOrm#repository(Class)}:
 *
 * <pre>{@code
 * interface PersonRepository extends Repository<Person, UUID> {}
 * }</pre>
 *
 * <p>Reads go through {@code GRAPH.RO_QUERY}. Saving an entity whose id already exists in the
 * graph updates that node: there is never more than one node per id.
 *
 * @param <T>  the entity type
 * @param <ID> its id type
 */
public interface Repository<T, ID> {

    /**
     * Inserts or updates; assigns a generated id first if needed. Returns the saved entity.
     * Relationships are saved as a diff against what was loaded: only new ones are created,
     * only removed ones deleted, changed properties updated in place; relationships never
     * loaded are left alone. Related entities are saved with it where the relationship
     * cascades saves (the default). All of it is one statement unless it exceeds the batch size.
     */
    <S extends T> S save(S entity);

    /** Saves many entities in batched queries (UNWIND); returns them in order. */
    <S extends T> List<S> saveAll(Iterable<S> entities);

    Optional<T> findById(ID id);

    /** The entity with its relationships in {@code fetch} loaded in the same query. */
    Optional<T> findById(ID id, FetchPlan fetch);

    /** Entities with the given ids; ids that match nothing are skipped. */
    List<T> findAllById(Iterable<ID> ids);

    /** Entities with the given ids and the relationships in {@code fetch}, in one query. */
    List<T> findAllById(Iterable<ID> ids, FetchPlan fetch);

    List<T> findAll();

    /** All entities, with the relationships in {@code fetch} loaded in the same query. */
    List<T> findAll(FetchPlan fetch);

    /** All entities in this order. */
    List<T> findAll(Sort sort);

    /** One page, with the total count. */
    Page<T> findAll(Pageable pageable);

    /**
     * Keyset scrolling: the {@code size} entities after {@code position} in {@code sort} order
     * (the id is added as the final tie-breaker). Stays fast on deep pages: no SKIP. Null sort
     * values are handled as the server orders them (last ascending, first descending).
     */
    Window<T> findAll(ScrollPosition position, int size, Sort sort);

    boolean existsById(ID id);

    long count();

    /**
     * Deletes the node with this id and its relationships (and the related entities of
     * relationships declared {@code cascade = DELETE}); does nothing if absent.
     */
    void deleteById(ID id);

    /** Deletes the entity's node and its relationships. */
    void delete(T entity);

    /** Deletes every node of this entity type, with their relationships. */
    void deleteAll();

    /** Deletes these entities in one query. */
    void deleteAll(Iterable<? extends T> entities);
}
