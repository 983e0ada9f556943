package dev.falkor.orm.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference between the entity model and a graph's indexes and constraints, from
 * {@link Schema#plan()}: what is missing, what the graph has that the model does not declare,
 * and what both have with other options (a vector index of another dimension, a constraint the
 * server failed to build). Print it; {@link Schema#apply} makes the graph match the model
 * (creating what is missing, re-creating what is mismatched) and leaves extras alone unless the
 * plan was made with {@link #droppingExtras()}.
 *
 * @param missing    declared, not in the graph
 * @param extra      in the graph, not declared
 * @param mismatched pairs: what the model declares and what the graph has instead
 * @param dropExtras whether {@link Schema#apply} drops the extras too
 */
public record SchemaPlan(String graph, List<SchemaObject> missing, List<SchemaObject> extra,
                         List<Mismatch> mismatched, boolean dropExtras) {

    /** A declared object the graph has in another form. */
    public record Mismatch(SchemaObject declared, SchemaObject actual) {
        @Override
        public String toString() {
            return "declared " + declared + ", but the graph has " + actual;
        }
    }

    public SchemaPlan {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        mismatched = List.copyOf(mismatched);
    }

    /** True if the graph matches the model (extras aside, unless they are to be dropped). */
    public boolean isEmpty() {
        return missing.isEmpty() && mismatched.isEmpty() && (!dropExtras || extra.isEmpty());
    }

    /** The same plan, dropping the graph's extra indexes and constraints when applied. */
    public SchemaPlan droppingExtras() {
        return new SchemaPlan(graph, missing, extra, mismatched, true);
    }

    /** Every difference, one per line, for a log or a review. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        missing.forEach(o -> out.add("missing: " + o));
        mismatched.forEach(m -> out.add("mismatched: " + m));
        extra.forEach(o -> out.add((dropExtras ? "extra (dropped): " : "extra (kept): ") + o));
        return out;
    }

    @Override
    public String toString() {
        List<String> lines = lines();
        return "Schema plan for graph '" + graph + "': " + (lines.isEmpty() ? "nothing to do"
                : lines.size() + " difference(s)\n  " + String.join("\n  ", lines));
    }
}
