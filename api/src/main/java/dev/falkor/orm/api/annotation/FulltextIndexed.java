package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A full-text index on this {@code String} property of a node entity, queried by repository
 * methods named {@code search<Property>} ({@code List<Scored<Book>> searchTitle(String query, int limit)}).
 * FalkorDB keeps one full-text index per label: every full-text property of a label shares its
 * language and stop words.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface FulltextIndexed {
    /** The stemming language (FalkorDB's, e.g. {@code english}, {@code german}); empty: the server's default. */
    String language() default "";

    /** Words not indexed; empty: the server's default list. */
    String[] stopwords() default {};
}
