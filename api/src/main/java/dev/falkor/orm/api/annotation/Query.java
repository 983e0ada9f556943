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
}
