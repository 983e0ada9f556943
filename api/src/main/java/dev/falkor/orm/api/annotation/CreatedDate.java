package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Auditing: the field holds the time an entity was first saved (set by a save that finds the field null: a new entity, or one
 * with an assigned id built without it; an entity read back carries its stored value), from the mapper's {@code Clock}
 * (builder {@code clock(...)}, default the system UTC clock). Field types: {@code Instant},
 * {@code OffsetDateTime}, {@code ZonedDateTime}, {@code LocalDateTime}, {@code LocalDate}
 * (stored through the converters module), or {@code long}/{@code Long} epoch milliseconds.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface CreatedDate {
}
