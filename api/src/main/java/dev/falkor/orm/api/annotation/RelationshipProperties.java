package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class (or record) whose instances are relationships with properties: one field marked
 * {@link TargetNode} holds the entity at the other end, the other fields are the
 * relationship's properties (converters apply as on nodes). Use it as the element type of a
 * {@link Relationship} field:
 *
 * <pre>{@code
 * @RelationshipProperties
 * record Employment(@TargetNode Company company, LocalDate since, String role) {}
 *
 * @Relationship(type = "WORKED_AT") List<Employment> jobs;
 * }</pre>
 *
 * Such a relationship is identified by its type and its two end nodes, like every
 * relationship; changing its properties updates that one edge in place.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RelationshipProperties {
}
