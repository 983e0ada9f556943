package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.core.internal.Identifiers;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.mapping.ReadShape;
import dev.falkor.orm.core.internal.query.Int64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cypher text of reads and deletes for one entity type, built once from the mapping (only
 * parameters change at run time), and the builders for the parts that depend on a call: WHERE,
 * ORDER BY (every sort key checked against the mapping before anything is sent) and the
 * keyset condition of a scroll position.
 */
final class EntityStatements {
    /**
     * The largest SKIP and LIMIT FalkorDB applies correctly: it keeps only the low 32 bits of
     * SKIP ({@code SKIP 4294967296} skips nothing), so offsets beyond this are refused.
     */
    static final long MAX_SKIP_OR_LIMIT = Integer.MAX_VALUE;

    final EntityMetadata entity;
    final ReadShape shape;
    final String matchClause;
    final String findById;
    final String findAllById;
    final String findAll;
    final String exists;
    final String count;
    final String deleteAll;
    /** Reads the stored keys of every Map property, or null if the entity has none. */
    final String mapKeys;

    EntityStatements(EntityMetadata entity, ReadShape shape) {
        this.entity = entity;
        this.shape = shape;
        String match = "MATCH (n:" + Identifiers.quote(entity.primaryLabel()) + ")";
        String idProp = "n." + entity.id().quotedName();
        this.matchClause = match;
        this.findById = match + " WHERE " + idProp + " = $id RETURN " + shape.returnItems("n");
        this.findAllById = match + " WHERE " + idProp + " IN $ids RETURN " + shape.returnItems("n");
        this.findAll = match + " RETURN " + shape.returnItems("n");
        this.exists = match + " WHERE " + idProp + " = $id RETURN " + idProp + " LIMIT 1";
        this.count = match + " RETURN count(n)";
        this.deleteAll = match + " DELETE n";
        this.mapKeys = mapKeysStatement(entity);
    }

    private static String mapKeysStatement(EntityMetadata entity) {
        List<String> prefixes = new ArrayList<>();
        for (PersistentProperty p : entity.properties()) {
            if (p.kind() == PersistentProperty.Kind.MAP) {
                // graph names are validated identifiers: safe inside a quoted literal
                prefixes.add("__k STARTS WITH '" + p.graphName() + ".'");
            }
        }
        if (prefixes.isEmpty()) {
            return null;
        }
        return "MATCH (n:" + Identifiers.quote(entity.idLabel()) + ") WHERE n." + entity.id().quotedName()
                + " IN $ids RETURN n." + entity.id().quotedName() + ", [__k IN keys(n) WHERE "
                + String.join(" OR ", prefixes) + "]";
    }

    /**
     * {@code MATCH (n:L) [<projection>] [WHERE ...] RETURN [DISTINCT] items [ORDER BY ...] [SKIP $__skip] [LIMIT $__limit]}.
     */
    String select(Condition where, String returnItems, boolean distinct, String orderBy, boolean skip, boolean limit) {
        StringBuilder cypher = new StringBuilder(matchClause).append(where.clause()).append(" RETURN ")
                .append(distinct ? "DISTINCT " : "").append(returnItems).append(orderBy);
        if (skip) {
            cypher.append(" SKIP $__skip");
        }
        if (limit) {
            cypher.append(" LIMIT $__limit");
        }
        return cypher.toString();
    }

    /** {@code MATCH (n:L) [<projection>] [WHERE ...]}. */
    String matchWhere(Condition where) {
        return matchClause + where.clause();
    }

    /**
     * The parameters plus {@code __skip} and {@code __limit} where given.
     *
     * @throws IllegalArgumentException if either is negative or beyond what the server applies
     */
    static Map<String, Object> withPaging(Map<String, ?> params, Long skip, Long limit) {
        if (skip != null && (skip < 0 || skip > MAX_SKIP_OR_LIMIT)) {
            throw new IllegalArgumentException("Cannot skip " + skip + " rows: FalkorDB applies offsets up to "
                    + MAX_SKIP_OR_LIMIT + " only; page deeper with keyset scrolling (Window/ScrollPosition)");
        }
        if (limit != null && (limit < 0 || limit > MAX_SKIP_OR_LIMIT)) {
            throw new IllegalArgumentException("Cannot limit to " + limit + " rows: FalkorDB applies limits up to "
                    + MAX_SKIP_OR_LIMIT + " only");
        }
        Map<String, Object> all = new LinkedHashMap<>(params);
        if (skip != null) {
            all.put("__skip", skip);
        }
        if (limit != null) {
            all.put("__limit", limit);
        }
        return all;
    }

    /** The keys a keyset scroll orders by: the sort's, then the id (in the last key's direction). */
    List<Sort.Order> scrollKeys(Sort sort) {
        checkSort(sort);
        List<Sort.Order> keys = new ArrayList<>(sort.orders());
        keys.removeIf(o -> o.property().equals(entity.id().javaName()));
        Sort.Direction idDirection = keys.isEmpty() ? Sort.Direction.ASC : keys.get(keys.size() - 1).direction();
        keys.add(new Sort.Order(entity.id().javaName(), idDirection, false));
        return keys;
    }

    /**
     * The condition "after {@code position} in {@code keys} order", ANDed to {@code where};
     * its parameters are added to {@code params}.
     */
    Condition after(Condition where, Map<String, Object> all, ScrollPosition position, List<Sort.Order> keys) {
        Condition condition = where;
        if (!position.isInitial()) {
            // Rows after the position in (k1, k2, ..., id) order, where the server sorts nulls
            // last ascending and first descending: OR over i of (k1..k(i-1) equal AND ki after).
            StringBuilder or = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                StringBuilder and = new StringBuilder();
                boolean impossible = false;
                for (int j = 0; j <= i; j++) {
                    Sort.Order o = keys.get(j);
                    PersistentProperty p = sortProperty(o.property());
                    if (!position.keys().containsKey(o.property())) {
                        throw new IllegalArgumentException("Scroll position lacks a value for sort key '"
                                + o.property() + "'; use the position of the previous window");
                    }
                    Object value = p.toGraph(position.keys().get(o.property()));
                    String lhs = sortExpression(p, o);
                    String term;
                    if (value == null) {
                        if (j < i) {
                            term = lhs + " IS NULL";
                        } else if (o.direction() == Sort.Direction.DESC) {
                            term = lhs + " IS NOT NULL"; // nulls come first descending
                        } else {
                            impossible = true; // nothing sorts after null ascending
                            break;
                        }
                    } else {
                        String param = "__k" + j;
                        all.put(param, value);
                        String rhs = o.ignoreCase() ? "toLower($" + param + ")" : "$" + param;
                        boolean int64 = !o.ignoreCase() && Int64.applies(p.type());
                        if (j < i) {
                            term = lhs + " = " + rhs;
                        } else if (o.direction() == Sort.Direction.ASC) {
                            term = "(" + (int64 ? Int64.greater(lhs, rhs) : lhs + " > " + rhs) + " OR " + lhs + " IS NULL)";
                        } else {
                            term = int64 ? Int64.less(lhs, rhs) : lhs + " < " + rhs;
                        }
                    }
                    and.append(j == 0 ? "" : " AND ").append(term);
                }
                if (!impossible) {
                    or.append(or.length() == 0 ? "(" : " OR (").append(and).append(')');
                }
            }
            String after = or.length() == 0 ? "false" : or.toString();
            condition = where.and(after);
        }
        return condition;
    }

    /**
     * ORDER BY for a sort, with every property checked against the mapping. When paging, the
     * id is appended as a tie-breaker so pages never overlap or skip rows.
     */
    String orderBy(Sort sort, boolean stable) {
        return orderBy("", sort, stable);
    }

    /**
     * ORDER BY continuing {@code prefix} (an ORDER BY clause rendered from a method name, or
     * empty), then {@code sort}, then the id when {@code stable}.
     */
    String orderBy(String prefix, Sort sort, boolean stable) {
        checkSort(sort);
        List<String> items = new ArrayList<>();
        boolean hasId = false;
        for (Sort.Order o : sort) {
            PersistentProperty p = sortProperty(o.property());
            hasId |= p.isId();
            String direction = o.direction() == Sort.Direction.ASC ? "ASC" : "DESC";
            items.add(!o.ignoreCase() && Int64.applies(p.type()) ? Int64.orderItems(sortExpression(p, o), direction)
                    : sortExpression(p, o) + " " + direction);
        }
        String idKey = "n." + entity.id().quotedName();
        if (stable && !hasId && !prefix.contains(idKey)) {
            items.add(Int64.applies(entity.id().type()) ? Int64.orderItems(idKey, "ASC") : idKey + " ASC");
        }
        String head = prefix.strip();
        if (items.isEmpty()) {
            return head.isEmpty() ? "" : " " + head;
        }
        return head.isEmpty() ? " ORDER BY " + String.join(", ", items) : " " + head + ", " + String.join(", ", items);
    }

    private static String sortExpression(PersistentProperty p, Sort.Order o) {
        String e = "n." + p.quotedName();
        return o.ignoreCase() ? "toLower(" + e + ")" : e;
    }

    PersistentProperty sortProperty(String javaName) {
        PersistentProperty p = entity.property(javaName).orElseThrow(() -> new IllegalArgumentException(
                "Cannot sort " + entity.type().getSimpleName() + " by '" + javaName + "': no such property; known: "
                        + entity.properties().stream().map(PersistentProperty::javaName).toList()));
        if (p.kind() != PersistentProperty.Kind.SCALAR || p.isCollection()) {
            throw new IllegalArgumentException("Cannot sort " + entity.type().getSimpleName() + " by '" + javaName
                    + "': only single-valued properties can be sort keys");
        }
        return p;
    }

    /** Checks a sort against the mapping before anything is sent: known properties, ignore-case on text only. */
    void checkSort(Sort sort) {
        for (Sort.Order o : sort) {
            PersistentProperty p = sortProperty(o.property());
            if (o.ignoreCase() && !isText(p)) {
                throw new IllegalArgumentException("Cannot sort " + entity.type().getSimpleName() + " by '"
                        + o.property() + "' ignoring case: it is stored as " + p.type().getSimpleName()
                        + ", not as text");
            }
        }
    }

    private static boolean isText(PersistentProperty p) {
        Class<?> t = p.type();
        // numbers and booleans are stored as such (toLower fails on them); converted types as text
        return t == char.class || (!t.isPrimitive() && !Number.class.isAssignableFrom(t) && t != Boolean.class);
    }

}
