package dev.falkor.orm.core;

import java.util.Map;
import java.util.Objects;

/**
 * One index or constraint, as the entity model declares it or as the database has it.
 *
 * @param kind       what it is
 * @param onRelationships true for a relationship type's index or constraint, false for a label's
 * @param label      the label or relationship type
 * @param property   the property (FalkorDB keeps indexes per property; a composite index is one per property)
 * @param options    for a vector index {@code dimension} and {@code similarityFunction}; for a
 *                   full-text index {@code language} and {@code stopwords} where declared; else empty
 * @param status     a constraint's status in the database ({@code OPERATIONAL}, {@code PENDING},
 *                   {@code FAILED}); null for indexes and for what the model declares
 */
public record SchemaObject(Kind kind, boolean onRelationships, String label, String property, Map<String, Object> options,
                           String status) {

    /** The kinds of schema objects FalkorDB has. */
    public enum Kind {
        RANGE_INDEX, FULLTEXT_INDEX, VECTOR_INDEX, UNIQUE_CONSTRAINT, MANDATORY_CONSTRAINT;

        public boolean isConstraint() {
            return this == UNIQUE_CONSTRAINT || this == MANDATORY_CONSTRAINT;
        }
    }

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(property, "property");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** What identifies it: kind, target and property (not its options or status). */
    public String key() {
        return kind + " " + (onRelationships ? "-[:" + label + "]-" : "(:" + label + ")") + "." + property;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case RANGE_INDEX -> "range index";
            case FULLTEXT_INDEX -> "full-text index";
            case VECTOR_INDEX -> "vector index";
            case UNIQUE_CONSTRAINT -> "unique constraint";
            case MANDATORY_CONSTRAINT -> "mandatory constraint";
        };
        return what + " on " + (onRelationships ? "()-[:" + label + "]-()" : "(:" + label + ")") + "." + property
                + (options.isEmpty() ? "" : " " + options) + (status == null ? "" : " [" + status + "]");
    }
}
