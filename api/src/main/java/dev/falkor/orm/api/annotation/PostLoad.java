package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an entity class (no parameters, any visibility, {@code void}) called
 * after an entity was read and built. Entity listeners registered on the mapper's builder get the same
 * events ({@code dev.falkor.orm.api.EntityListener}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PostLoad {
}
