package dev.falkor.orm.core.internal.relation;

import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.LabelIndex;
import dev.falkor.orm.core.internal.mapping.ReadShape;
import dev.falkor.orm.core.internal.mapping.RelationshipInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link FetchTree} into one read statement, with no row per combination of related
 * nodes: a relationship whose targets need nothing further is a pattern comprehension on the
 * owner ({@code [(n)-[r:T]->(m:L) | [m{...}, r{...}]]}); one whose targets have fetched
 * relationships of their own is a stage, because FalkorDB 4.x evaluates a pattern
 * comprehension nested in another one against the wrong node:
 * <pre>
 * WITH carry, [(n)-[r:T]->(m:L) | [m, r]] AS l UNWIND CASE WHEN size(l) = 0 THEN [null] ELSE l END AS e
 * WITH carry, e[0] AS m, e[1] AS r  ...stages of m...
 * WITH carry, collect(CASE WHEN m IS NULL THEN null ELSE [m{...}, r{...}, ...] END) AS f
 * </pre>
 * Each stage unwinds one owner's targets and collects them straight back, so the rows never
 * multiply across relationships. An element of a relationship's list is
 * {@code [<target's read items>, <relationship properties>?, <its fetched relationships>...]}.
 */
final class FetchQuery {
    /** The clauses to insert before the final RETURN (empty unless staged) and the expression per branch. */
    record Rendered(String stages, List<String> expressions) {
        boolean staged() {
            return !stages.isEmpty();
        }
    }

    private final LabelIndex labels;
    private int counter;

    FetchQuery(LabelIndex labels) {
        this.labels = labels;
    }

    /** Renders {@code tree} for node variable {@code v}, carrying {@code carry} through stages. */
    Rendered render(FetchTree tree, String v, List<String> carry) {
        StringBuilder stages = new StringBuilder();
        List<String> expressions = new ArrayList<>();
        List<String> now = new ArrayList<>(carry);
        for (FetchTree.Branch b : tree.branches()) {
            int k = counter++;
            String m = "__m" + k;
            String r = "__r" + k;
            RelationshipInfo rel = b.field().relationship();
            String pattern = rel.pattern(v, r, m, ":" + Identifiers.quote(rel.target().primaryLabel()));
            if (b.sub().isEmpty()) {
                expressions.add("[" + pattern + " | " + element(rel, m, r, List.of()) + "]");
                continue;
            }
            String l = "__l" + k;
            String e = "__e" + k;
            String f = "__f" + k;
            String c = String.join(", ", now);
            stages.append(" WITH ").append(c).append(", [").append(pattern).append(" | [").append(m).append(", ")
                    .append(r).append("]] AS ").append(l).append(" UNWIND CASE WHEN size(").append(l)
                    .append(") = 0 THEN [null] ELSE ").append(l).append(" END AS ").append(e).append(" WITH ")
                    .append(c).append(", ").append(e).append("[0] AS ").append(m).append(", ").append(e)
                    .append("[1] AS ").append(r);
            List<String> inner = new ArrayList<>(now);
            inner.add(m);
            inner.add(r);
            Rendered sub = render(b.sub(), m, inner);
            stages.append(sub.stages());
            stages.append(" WITH ").append(c).append(", collect(CASE WHEN ").append(m).append(" IS NULL THEN null ELSE ")
                    .append(element(rel, m, r, sub.expressions())).append(" END) AS ").append(f);
            now.add(f);
            expressions.add(f);
        }
        return new Rendered(stages.toString(), expressions);
    }

    private String element(RelationshipInfo rel, String m, String r, List<String> sub) {
        StringBuilder sb = new StringBuilder("[").append(labels.shape(rel.target()).returnItems(m));
        if (rel.hasProperties()) {
            sb.append(", ").append(relationshipShape(rel.properties()).returnItems(r));
        }
        for (String s : sub) {
            sb.append(", ").append(s);
        }
        return sb.append(']').toString();
    }

    /** How the properties of a relationship-properties class are read (exact doubles included). */
    static ReadShape relationshipShape(EntityMetadata properties) {
        return ReadShape.of(properties, List.of());
    }

    /**
     * A whole read: {@code match} (MATCH ... WHERE ...), then the root's items and the branches.
     * {@code order} ({@code ORDER BY ...} or empty) and {@code paging} ({@code SKIP/LIMIT} or
     * empty) apply to the roots. Staged trees number the roots first so their order survives.
     */
    static String select(LabelIndex labels, String match, boolean distinct, String rootItems, FetchTree tree,
                         String order, String paging) {
        String cypher = render(labels, match, distinct, rootItems, tree, order, paging);
        if (cypher.length() > MAX_STATEMENT) {
            throw new IllegalArgumentException("The fetch plan " + tree + " renders a statement of "
                    + cypher.length() / 1024 + " KB (a branch per relationship field and level); fetch fewer levels "
                    + "or name the paths you need with FetchPlan.of(...)");
        }
        return cypher;
    }

    /** The largest read statement a fetch plan may render (FetchPlan.all grows as fields^depth). */
    static final int MAX_STATEMENT = 256 * 1024;

    private static String render(LabelIndex labels, String match, boolean distinct, String rootItems, FetchTree tree,
                                 String order, String paging) {
        FetchQuery q = new FetchQuery(labels);
        Rendered r = q.render(tree, "n", List.of("__i", "n"));
        StringBuilder sb = new StringBuilder(match);
        if (!r.staged()) {
            sb.append(" RETURN ").append(distinct ? "DISTINCT " : "").append(rootItems);
            for (String e : r.expressions()) {
                sb.append(", ").append(e);
            }
            return sb.append(order).append(paging).toString();
        }
        sb.append(" WITH ").append(distinct ? "DISTINCT " : "").append("n").append(order).append(paging)
                .append(" WITH collect(n) AS __all UNWIND range(0, size(__all) - 1) AS __i WITH __i, __all[__i] AS n")
                .append(r.stages()).append(" RETURN ").append(rootItems);
        for (String e : r.expressions()) {
            sb.append(", ").append(e);
        }
        return sb.append(" ORDER BY __i").toString();
    }
}
