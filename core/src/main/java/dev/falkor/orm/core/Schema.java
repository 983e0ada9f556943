package dev.falkor.orm.core;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.core.internal.repository.RepositoryFactory;

/**
 * The indexes and constraints of this mapper's graph against what its entity types declare
 * ({@code @Id}, {@code @Unique}, {@code @Indexed}, {@code @Mandatory}, {@code @FulltextIndexed},
 * {@code @VectorIndexed}, also on relationship properties), from {@link FalkorOrm#schema()}. The
 * entity types are those declared with {@code entities(...)} on the builder or used by a
 * repository so far.
 *
 * <pre>{@code
 * SchemaPlan plan = orm.schema().plan();
 * System.out.println(plan);          // missing, mismatched, extra
 * orm.schema().apply(plan);          // creates and re-creates; extras stay unless plan.droppingExtras()
 * orm.schema().validate();           // fails naming every difference
 * }</pre>
 */
public final class Schema {
    private final RepositoryFactory repositories;

    Schema(RepositoryFactory repositories) {
        this.repositories = repositories;
    }

    /** What differs between the entity model and the graph now. */
    public SchemaPlan plan() {
        return repositories.schema().plan(repositories.registeredEntities());
    }

    /**
     * Makes the graph match the plan: drops what is mismatched (and the extras, for a plan made
     * with {@link SchemaPlan#droppingExtras()}), creates what is missing and what was mismatched,
     * indexes before constraints, and waits until the server has built the constraints. Applying
     * an applied plan does nothing.
     *
     * @throws ConfigurationException if a constraint cannot be built because the stored data
     *                                violates it (it stays listed as {@code FAILED})
     */
    public void apply(SchemaPlan plan) {
        repositories.schema().apply(plan, repositories.registeredEntities());
    }

    /** Fails if anything declared is missing or mismatched, naming each difference; extras are allowed. */
    public void validate() {
        SchemaPlan plan = plan();
        if (!plan.missing().isEmpty() || !plan.mismatched().isEmpty()) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            plan.missing().forEach(o -> lines.add("missing: " + o));
            plan.mismatched().forEach(m -> lines.add("mismatched: " + m));
            throw new ConfigurationException("Graph '" + plan.graph() + "' does not match the entity model:\n  "
                    + String.join("\n  ", lines));
        }
    }
}
