package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a field to relationships of one type between this entity's node and the nodes of the
 * field's target entity.
 *
 * <ul>
 *   <li>To-many: a {@code List}, {@code Set} or {@code Collection} of an entity (or of a
 *       {@link RelationshipProperties} class). Lazy by default: the field holds a real list or
 *       set that loads on first access, for all entities read together in one query.</li>
 *   <li>To-one through {@link dev.falkor.orm.api.Ref Ref&lt;T&gt;}: lazy by default, loaded by
 *       {@code Ref.get()}.</li>
 *   <li>To-one typed as the entity itself: filled when the relationship is fetched (a
 *       {@link dev.falkor.orm.api.FetchPlan} or {@code fetch = EAGER}), {@code null} otherwise;
 *       a field that was not fetched is never changed by a save.</li>
 * </ul>
 *
 * <pre>{@code
 * @Relationship(type = "WORKS_AT") Company employer;
 * @Relationship(type = "WORKS_AT", direction = Direction.INCOMING, inverse = "employer") List<Person> staff;
 * }</pre>
 *
 * A relationship is identified by its type and its two end nodes (never by the server's
 * internal id, which is reused after deletion): a field holds at most one relationship of its
 * type to a given node, and saving it twice never duplicates it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Relationship {
    /** The relationship type; letters, digits and '_', not starting with a digit. */
    String type();

    /** Which way the relationships point, seen from this entity. */
    Direction direction() default Direction.OUTGOING;

    /**
     * The field of the target entity that maps the same relationships from the other side.
     * Both fields then describe one edge each, and after a save the objects in memory agree on
     * both sides (adding a person to {@code company.staff} sets {@code person.employer}).
     */
    String inverse() default "";

    /** Whether the relationship is loaded with its entity ({@code EAGER}) or on first access. */
    Fetch fetch() default Fetch.LAZY;

    /**
     * What a save or delete of this entity does to the related entities: {@code SAVE} (the
     * default) saves new and changed related entities with it, {@code DELETE} deletes them with
     * it. Relationships themselves are always saved.
     */
    Cascade[] cascade() default {Cascade.SAVE};

    /** Direction of a relationship, seen from the entity declaring the field. */
    enum Direction {
        /** {@code (this)-[:TYPE]->(target)} */
        OUTGOING,
        /** {@code (this)<-[:TYPE]-(target)} */
        INCOMING,
        /** either way; a new relationship is stored pointing from this entity to the target */
        UNDIRECTED
    }

    /** When a relationship is loaded. */
    enum Fetch {
        /** on first access, batched for all entities read together */
        LAZY,
        /** with its entity, in the same query */
        EAGER
    }

    /** What is cascaded to related entities. */
    enum Cascade {
        /** save new and changed related entities */
        SAVE,
        /** delete related entities */
        DELETE
    }
}
