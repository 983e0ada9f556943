package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A repository method runs this Cypher. Method arguments bind to {@code $name} parameters by
 * {@link Param} or by parameter name (compile with {@code -parameters}); values never become
 * part of the text. Results map to the method's return type: entities (return the node
 * variable), projections, scalars, or lists, {@code Optional}, {@code Stream}, {@code Page}
 * and {@code Slice} of them.
 *
 * <pre>{@code
 * @Query("MATCH (p:Person)-[:KNOWS]->(f:Person) WHERE p.name = $name RETURN f")
 * List<Person> friendsOf(String name);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Query {
    /** The Cypher statement. */
    String value();

    /** Routes to {@code GRAPH.QUERY} (writes allowed); default is read-only {@code GRAPH.RO_QUERY}. */
    boolean write() default false;

    /**
     * For {@code Page} results: the count query; empty derives one by wrapping the query
     * ({@code CALL { <query> } RETURN count(*)}).
     */
    String countQuery() default "";

    /**
     * The labels and relationship types the statement reads or changes, for the result cache:
     * a cached read is invalidated only by writes to them, and a write invalidates only what
     * depends on them. Empty (the default) means unknown: a cached read depends on every write to
     * the graph, and a write invalidates the whole graph's cached results. A wrong list is a stale
     * cache: list every label and type the statement matches.
     */
    String[] regions() default {};
}
