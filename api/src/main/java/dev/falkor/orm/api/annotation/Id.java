package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The entity's identity, stored as a node property (never the server's internal id, which
 * FalkorDB reuses after deletion). Exactly one per entity. The mapper creates a range index
 * on it at startup, and a unique constraint too when the field is also {@link Unique}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Id {
}
