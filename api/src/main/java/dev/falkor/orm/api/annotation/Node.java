package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class or record as a node entity.
 *
 * <p>{@link #value()} lists the labels; the first is the primary label, used for lookups and
 * indexes. Empty means the simple class name. A subclass of an entity carries its own labels
 * plus every label of its mapped superclasses.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Node {
    /** Labels, primary first. Each must be a valid identifier ({@code [A-Za-z_][A-Za-z0-9_]*}). */
    String[] value() default {};
}
