/**
 * Derived queries: repository method names such as {@code findTop3ByLastNameIgnoreCaseOrderByAgeDesc}
 * turned into Cypher.
 *
 * <ol>
 *   <li>At bootstrap, {@link dev.falkor.orm.core.internal.query.PartTree#parse} reads the name
 *       against a {@link dev.falkor.orm.core.internal.query.DomainModel} and yields an immutable
 *       tree: {@link dev.falkor.orm.core.internal.query.Subject} (verb, distinct, limit),
 *       {@link dev.falkor.orm.core.internal.query.Criteria} (OR of
 *       {@link dev.falkor.orm.core.internal.query.AndGroup}s of
 *       {@link dev.falkor.orm.core.internal.query.Part}s) and
 *       {@link dev.falkor.orm.core.internal.query.SortKey}s. Errors are
 *       {@link dev.falkor.orm.api.MappingException}s naming the method and the problem.</li>
 *   <li>Per call, {@link dev.falkor.orm.core.internal.query.CypherCondition#render} turns the tree
 *       and the arguments into a WHERE condition, ORDER BY and LIMIT clauses and parameters.
 *       Values only ever travel as parameters.</li>
 * </ol>
 * Conditions may walk relationships ({@code findByEmployerAddressCity}, {@code findByJobsRole},
 * {@code findByFriendsIsEmpty}): each such part is an existence test on the entity's node, as a
 * pattern predicate or a flag computed in a WITH projection (see
 * {@link dev.falkor.orm.core.internal.query.CypherCondition#projection()}).
 */
package dev.falkor.orm.core.internal.query;
