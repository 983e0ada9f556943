package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The constructor the mapper uses to create instances when loading. Its parameters are
 * matched to mapped fields by name (compile with {@code -parameters}). Without it the mapper
 * uses a record's canonical constructor, else the no-argument constructor, else the single
 * constructor whose parameters cover all mapped fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.CONSTRUCTOR)
public @interface PersistenceCreator {
}
