package dev.falkor.orm.api.annotation;

import dev.falkor.orm.api.IdGenerator;
import dev.falkor.orm.api.UuidGenerator;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link Id} is assigned by the mapper when an entity is saved with a {@code null} id.
 * The default generator makes a random UUID (as {@code UUID} or {@code String}, matching the
 * field type).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface GeneratedValue {
    /** The generator; it needs a public no-argument constructor. */
    Class<? extends IdGenerator> generator() default UuidGenerator.class;
}
