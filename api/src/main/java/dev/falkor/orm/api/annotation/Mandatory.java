package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every node of the entity (or relationship of a {@link RelationshipProperties} type) must have
 * this property: a {@code GRAPH.CONSTRAINT ... MANDATORY} constraint, so the server refuses a
 * write that leaves it out ({@code ConstraintViolationException}), whoever writes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Mandatory {
}
