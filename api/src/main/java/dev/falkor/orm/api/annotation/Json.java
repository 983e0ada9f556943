package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores the field as one JSON string property, whatever its type ({@code List<Address>},
 * {@code Map<String, Set<Tag>>}, a record), and reads it back to the declared generic type.
 * Needs a JSON codec on the path: {@code falkor-orm-converters} with
 * {@code com.fasterxml.jackson.core:jackson-databind}; without one the mapping fails at bootstrap
 * naming the field. The graph cannot look inside the string: query such fields as a whole.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Json {
}
