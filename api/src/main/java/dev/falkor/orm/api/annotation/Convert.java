package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Uses this converter for the field instead of the one registered for its type. The class
 * must implement {@code dev.falkor.orm.spi.ValueConverter} and have a public no-argument
 * constructor. For a {@code List} or {@code Set} field it applies to each element.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Convert {
    /** A {@code ValueConverter} implementation. */
    Class<?> value();
}
