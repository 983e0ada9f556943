package dev.falkor.orm.core.internal.query;

import java.util.List;
import java.util.Objects;

/**
 * A parsed derived-query method name, such as {@code findTop3ByLastNameIgnoreCaseAndAgeGreaterThanOrderByAgeDesc}.
 * Immutable. Build it once at bootstrap with {@link #parse}; render it per call with
 * {@link CypherCondition#render}.
 *
 * <p>Grammar (as in Spring Data):
 * <pre>
 * name     := verb subject? "By" criteria? ("AllIgnoreCase" | "AllIgnoringCase")? ("OrderBy" sortKey+)?
 * verb     := find | read | get | query | search | stream | count | exists | delete | remove
 * subject  := anything starting upper-case; "Distinct" anywhere, "First"/"Top" + optional number
 *             at the start (after an optional "Distinct"); the rest is ignored ("findPeopleBy")
 * criteria := and ("Or" and)*        and := part ("And" part)*
 * part     := PropertyPath Keyword? ("IgnoreCase" | "IgnoringCase")?
 * sortKey  := PropertyPath ("Asc" | "Desc")?
 * </pre>
 *
 * @param methodName  the method name parsed
 * @param domainClass the entity the query is about
 * @param subject     verb, distinct and limit
 * @param criteria    the condition, possibly empty
 * @param sort        the {@code OrderBy} keys, possibly empty
 */
public record PartTree(String methodName, Class<?> domainClass, Subject subject, Criteria criteria,
                       List<SortKey> sort) {

    public PartTree {
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(domainClass, "domainClass");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(criteria, "criteria");
        sort = List.copyOf(sort);
    }

    /**
     * Parses a method name.
     *
     * @param methodName  e.g. {@code findByEmailAddressAndLastName}
     * @param domainClass the entity class the repository manages
     * @param model       resolves property names
     * @throws dev.falkor.orm.api.MappingException if the name cannot be parsed, names an unknown
     *         property or misuses a keyword; the message names the method and the problem
     */
    public static PartTree parse(String methodName, Class<?> domainClass, DomainModel model) {
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(domainClass, "domainClass");
        Objects.requireNonNull(model, "model");
        return new PartTreeParser(methodName, domainClass, model).parse();
    }

    /** All parts in argument order. */
    public List<Part> parts() {
        return criteria.parts();
    }

    /** How many method arguments the conditions consume, in order. */
    public int argumentCount() {
        return parts().stream().mapToInt(Part::argumentCount).sum();
    }
}
