package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves results from the result cache (a {@code falkor-orm-cache-*} module on the path).
 *
 * <ul>
 *   <li>On an entity class: its {@code findById} results are cached.</li>
 *   <li>On a repository query method (derived or {@code @Query} read): its results are cached,
 *       per argument values.</li>
 * </ul>
 *
 * <p>A cached result is invalidated by every write the mapper performs on what it depends on
 * (saves, deletes, cascades, session commits, derived deletes, {@code @Query(write = true)},
 * {@code orm.query(...).write()}), before that write returns; and it expires after its time to
 * live. Writes made by other clients, or through the transport directly, are not seen: the time
 * to live bounds how long such a change can go unnoticed. Callers always get objects of their
 * own: what is cached is the server's reply, mapped afresh for every call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Cacheable {
    /**
     * The time to live as an ISO-8601 duration ({@code "PT30S"}, {@code "PT5M"}); empty (the
     * default) takes the builder's {@code cacheTtl}.
     */
    String ttl() default "";
}
