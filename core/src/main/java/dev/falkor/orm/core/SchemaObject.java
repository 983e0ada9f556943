package dev.falkor.orm.core;

import java.util.List;
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

    /**
     * The statement that creates this object, as a migration script holds it (and as
     * {@code Migrations} runs it): Cypher for indexes, the {@code GRAPH.CONSTRAINT CREATE ...}
     * command without its graph name for constraints.
     */
    public String createStatement() {
        return switch (kind) {
            case RANGE_INDEX -> "CREATE INDEX FOR " + target() + " ON (" + qualifiedProperty() + ")";
            case FULLTEXT_INDEX -> options.isEmpty()
                    ? "CREATE FULLTEXT INDEX FOR " + target() + " ON (" + qualifiedProperty() + ")"
                    : "CALL db.idx.fulltext.createNodeIndex({label: '" + label + "'" + optionText() + "}, '"
                    + property + "')";
            case VECTOR_INDEX -> "CREATE VECTOR INDEX FOR " + target() + " ON (" + qualifiedProperty() + ") OPTIONS "
                    + "{dimension: " + options.get("dimension") + ", similarityFunction: '"
                    + options.get("similarityFunction") + "'}";
            case UNIQUE_CONSTRAINT, MANDATORY_CONSTRAINT -> "GRAPH.CONSTRAINT CREATE " + constraint();
        };
    }

    /** The statement that drops this object, in the form of {@link #createStatement()}. */
    public String dropStatement() {
        return switch (kind) {
            case RANGE_INDEX -> "DROP INDEX FOR " + target() + " ON (" + qualifiedProperty() + ")";
            case FULLTEXT_INDEX -> "DROP FULLTEXT INDEX FOR " + target() + " ON (" + qualifiedProperty() + ")";
            case VECTOR_INDEX -> "DROP VECTOR INDEX FOR " + target() + " ON (" + qualifiedProperty() + ")";
            case UNIQUE_CONSTRAINT, MANDATORY_CONSTRAINT -> "GRAPH.CONSTRAINT DROP " + constraint();
        };
    }

    private String target() {
        return onRelationships ? "()-[r:`" + label + "`]-()" : "(n:`" + label + "`)";
    }

    private String qualifiedProperty() {
        return (onRelationships ? "r." : "n.") + "`" + property + "`";
    }

    private String constraint() {
        List<String> props = List.of(property.split(","));
        return (kind == Kind.UNIQUE_CONSTRAINT ? "UNIQUE" : "MANDATORY") + " "
                + (onRelationships ? "RELATIONSHIP" : "NODE") + " " + label + " PROPERTIES " + props.size()
                + " " + String.join(" ", props);
    }

    private String optionText() {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> {
            sb.append(", ").append(k).append(": ");
            if (v instanceof List<?> l) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "'" : ", '").append(String.valueOf(l.get(i)).replace("'", "\\'")).append('\'');
                }
                sb.append(']');
            } else {
                sb.append('\'').append(String.valueOf(v).replace("'", "\\'")).append('\'');
            }
        });
        return sb.toString();
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
