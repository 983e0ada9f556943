package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A range index on this property ({@code CREATE INDEX FOR (n:Label) ON (n.property)}), on a node
 * entity or a {@link RelationshipProperties} class (then on the relationship type). Several
 * indexed properties of one label are one index to FalkorDB, which keeps and reports a range index
 * per property: a "composite" index is the set of its properties' indexes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Indexed {
}
