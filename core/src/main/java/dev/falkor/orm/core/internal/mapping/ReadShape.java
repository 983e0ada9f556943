package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.spi.value.GraphValue;
import dev.falkor.orm.spi.value.ListValue;
import dev.falkor.orm.spi.value.MapValue;
import dev.falkor.orm.spi.value.NodeValue;
import dev.falkor.orm.spi.value.NullValue;
import dev.falkor.orm.spi.value.StringValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the mapper reads nodes of one queried entity type: the RETURN items it asks for and how
 * a row of them becomes an entity of that type or of one of its subtypes.
 *
 * <p>The items are {@code n{.*, `__m:price`: <mantissa>, ...}} (the properties by name: no
 * id-to-name table is involved, so a graph re-created by another client can never be misread;
 * plus the exact mantissa of every double-valued property of the type and its known subtypes,
 * as replies round doubles to 15 digits, see {@link ExactDoubles}) and {@code labels(n)} when
 * subtypes of the type are declared. Keyed by name, the mantissas serve every subtype alike;
 * one map instead of two columns measured 1-2 % faster on a findById.
 */
public final class ReadShape {
    private final EntityMetadata queried;
    private final List<PersistentProperty> exact;
    private final boolean withLabels;

    private ReadShape(EntityMetadata queried, List<PersistentProperty> exact, boolean withLabels) {
        this.queried = queried;
        this.exact = exact;
        this.withLabels = withLabels;
    }

    /** The shape for {@code queried}, whose rows may be read as any of {@code subtypes}. */
    public static ReadShape of(EntityMetadata queried, Collection<EntityMetadata> subtypes) {
        Map<String, PersistentProperty> byName = new LinkedHashMap<>();
        for (PersistentProperty p : queried.properties()) {
            if (p.needsExactRead()) {
                byName.put(p.graphName(), p);
            }
        }
        for (EntityMetadata s : subtypes) {
            for (PersistentProperty p : s.properties()) {
                if (p.needsExactRead()) {
                    byName.putIfAbsent(p.graphName(), p);
                }
            }
        }
        // labels are fetched only when a declared subtype may be what the node is: an extra
        // RETURN item costs ~8 µs of server time on every read
        return new ReadShape(queried, List.copyOf(byName.values()), queried.mayHaveSubtypes() && !subtypes.isEmpty());
    }

    /** True if a subtype's property can be read from this shape's exact map (same storage form). */
    public boolean covers(EntityMetadata subtype) {
        for (PersistentProperty p : subtype.properties()) {
            if (p.needsExactRead()) {
                PersistentProperty mine = exact.stream().filter(e -> e.graphName().equals(p.graphName())).findFirst()
                        .orElse(null);
                if (mine == null || mine.kind() != p.kind() || mine.exactReadIsList() != p.exactReadIsList()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if plain node values of this type carry rounded doubles, so they need an exact re-read. */
    public boolean hasExactReads() {
        return !exact.isEmpty();
    }

    /** The RETURN items for node variable {@code v} (a trusted identifier). */
    public String returnItems(String v) {
        StringBuilder sb = new StringBuilder(v).append("{.*");
        for (PersistentProperty p : exact) {
            sb.append(", `").append(EXACT_KEY).append(p.graphName()).append("`: ").append(exactExpression(p, v));
        }
        sb.append('}');
        if (withLabels) {
            sb.append(", labels(").append(v).append(')');
        }
        return sb.toString();
    }

    /**
     * The key prefix of the exact mantissas inside the properties map: a colon cannot occur in a
     * mapped property name (identifiers) nor in a Map field's entries (they start with the field's
     * identifier and a dot), and the projection's own entry wins over a stored property of that name.
     */
    static final String EXACT_KEY = "__m:";

    /**
     * The exact-read expression of one double-valued property of node {@code v}: its
     * {@link ExactDoubles#mantissa}, which together with the rounded value in {@code v{.*}}
     * gives the exact double.
     */
    static String exactExpression(PersistentProperty p, String v) {
        if (p.kind() == PersistentProperty.Kind.MAP) {
            // graphName is a validated identifier, so the prefix literal cannot break out of its quotes
            return "[__k IN keys(" + v + ") WHERE __k STARTS WITH '" + p.graphName() + ".' | [__k, "
                    + ExactDoubles.mantissa(v + "[__k]") + "]]";
        }
        String expr = v + "." + p.quotedName();
        return p.exactReadIsList() ? ExactDoubles.mantissaList(expr) : ExactDoubles.mantissa(expr);
    }

    /** The node's labels in a row at {@code column}, or {@code null} if the shape does not fetch them. */
    public List<String> labels(List<GraphValue> row, int column) {
        if (!withLabels) {
            return null;
        }
        List<GraphValue> values = ((ListValue) row.get(column + 1)).values();
        List<String> out = new ArrayList<>(values.size());
        for (GraphValue v : values) {
            out.add(((StringValue) v).value());
        }
        return out;
    }

    /** Number of RETURN items {@link #returnItems} gives: 1, or 2 with the labels. */
    public int width() {
        return withLabels ? 2 : 1;
    }

    /** Builds an entity of type {@code as} (the queried type or a subtype it covers) from a row at {@code column}. */
    public Object read(EntityMetadata as, List<GraphValue> row, int column) {
        return read(as, row, column, null);
    }

    /**
     * As {@link #read(EntityMetadata, List, int)}, with relationship and target-node members
     * from {@code related}.
     */
    public Object read(EntityMetadata as, List<GraphValue> row, int column,
                       java.util.function.Function<PersistentProperty, Object> related) {
        Map<String, GraphValue> props = ((MapValue) row.get(column)).values();
        if (exact.isEmpty()) {
            return EntityValues.instantiate(as, props, Map.of(), related);
        }
        Map<String, GraphValue> decoded = new HashMap<>();
        for (PersistentProperty p : exact) {
            GraphValue m = props.get(EXACT_KEY + p.graphName());
            if (m == null || m instanceof NullValue) {
                continue;
            }
            if (p.kind() == PersistentProperty.Kind.MAP) {
                for (GraphValue entry : ((ListValue) m).values()) {
                    List<GraphValue> kv = ((ListValue) entry).values();
                    String key = ((StringValue) kv.get(0)).value();
                    decoded.put(key, ExactDoubles.withMantissa(props.get(key), kv.get(1)));
                }
            } else {
                decoded.put(p.graphName(), ExactDoubles.withMantissa(props.get(p.graphName()), m));
            }
        }
        return EntityValues.instantiate(as, props, decoded, related);
    }

    /** Builds an entity of type {@code as} from a node a user's query returned (doubles as the reply has them). */
    public static Object readNode(EntityMetadata as, NodeValue node) {
        return EntityValues.instantiate(as, node.properties(), Map.of());
    }

    @Override
    public String toString() {
        return "ReadShape(" + queried.type().getSimpleName() + ": " + returnItems("n") + ")";
    }
}
