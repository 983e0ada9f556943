package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optimistic locking: the field ({@code long}, {@code Long}, {@code int} or {@code Integer})
 * holds the version of the stored node. A save checks, in the same statement that writes, that
 * the stored version is still the one the entity carries, and stores the next one; a delete of
 * the entity checks it too. When another writer changed (or deleted) the node in between, the
 * call fails with an {@link dev.falkor.orm.api.OptimisticLockException} naming the entity and
 * id, and nothing of the failed statement is written.
 *
 * <p>A version of {@code 0} or {@code null} means "never saved": the first save expects no
 * stored version and stores {@code 1}. After a successful save the entity carries the new
 * version (a record is returned as a new instance carrying it).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Version {
}
