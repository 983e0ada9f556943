package dev.falkor.orm.spi.batch;

import java.util.List;

/**
 * The nodes of one mapped entity as batch writers see them: labels, id, mapped properties and
 * the constraints that guard writes. Built once per entity by the mapper; every name is a
 * validated identifier (the constructor checks), so writers may put them in Cypher text
 * back-quoted. Shapes compare by identity: the mapper keeps one per entity.
 *
 * <ul>
 * <li>labels: the labels every node gets, the entity's own first;</li>
 * <li>id label: the label under which ids are unique (a parent's, with inheritance): nodes are
 * found and merged under it;</li>
 * <li>id property: the stored name of the id;</li>
 * <li>properties: the mapped properties other than the id, in a stable order;</li>
 * <li>open: true if rows may carry properties beyond those (flattened map entries): such nodes
 * are never created with inline properties;</li>
 * <li>unique properties: those with a unique constraint, which a guarded write checks to be
 * operational before writing;</li>
 * <li>version property: the optimistic-locking version, or null.</li>
 * </ul>
 */
public final class NodeShape {
    private final List<String> labels;
    private final String idLabel;
    private final String idProperty;
    private final List<PropertyShape> properties;
    private final boolean open;
    private final List<String> uniqueProperties;
    private final String versionProperty;
    private final java.util.concurrent.ConcurrentHashMap<WriteCypher.Key, String> fragments =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final boolean createsInline;

    /** A shape; fails with {@link IllegalArgumentException} on a name that is not a valid identifier. */
    public NodeShape(List<String> labels, String idLabel, String idProperty, List<PropertyShape> properties,
                     boolean open, List<String> uniqueProperties, String versionProperty) {
        this(labels, idLabel, idProperty, properties, open, uniqueProperties, versionProperty, false);
    }

    /**
     * A shape whose upserts create missing nodes with their properties inline
     * ({@code createsInline}): FalkorDB checks a mandatory constraint when {@code MERGE} creates a
     * node, before any {@code SET}, so a label with one cannot be upserted by {@code MERGE ... SET}.
     */
    public NodeShape(List<String> labels, String idLabel, String idProperty, List<PropertyShape> properties,
                     boolean open, List<String> uniqueProperties, String versionProperty, boolean createsInline) {
        this.createsInline = createsInline;
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("A node shape needs at least one label");
        }
        labels.forEach(WriteCypher::quote);
        WriteCypher.quote(idLabel);
        WriteCypher.quote(idProperty);
        properties = List.copyOf(properties);
        uniqueProperties = List.copyOf(uniqueProperties);
        uniqueProperties.forEach(WriteCypher::quote);
        if (versionProperty != null) {
            WriteCypher.quote(versionProperty);
        }
        this.labels = labels;
        this.idLabel = idLabel;
        this.idProperty = idProperty;
        this.properties = properties;
        this.open = open;
        this.uniqueProperties = uniqueProperties;
        this.versionProperty = versionProperty;
    }

    /** Whether upserts create missing nodes with their properties inline (a mandatory constraint on the label). */
    public boolean createsInline() {
        return createsInline;
    }

    public List<String> labels() {
        return labels;
    }

    public String idLabel() {
        return idLabel;
    }

    public String idProperty() {
        return idProperty;
    }

    public List<PropertyShape> properties() {
        return properties;
    }

    public boolean open() {
        return open;
    }

    public List<String> uniqueProperties() {
        return uniqueProperties;
    }

    public String versionProperty() {
        return versionProperty;
    }

    /** A fragment of Cypher rendered for this shape, kept with it (see {@link WriteCypher}). */
    String fragment(WriteCypher.Key key, java.util.function.Supplier<String> render) {
        String text = fragments.get(key);
        if (text == null) {
            text = render.get();
            if (fragments.size() < 256) { // a shape has a handful of forms; edges key by their shape too
                fragments.putIfAbsent(key, text);
            }
        }
        return text;
    }

    /** A node with one label, no constraints and no version. */
    public static NodeShape of(String label, String idProperty, List<PropertyShape> properties) {
        return new NodeShape(List.of(label), label, idProperty, properties, false, List.of(), null);
    }

    /** The label queries match on: the entity's own. */
    public String primaryLabel() {
        return labels.get(0);
    }

    /** {@code :`A`:`B`}: every label, back-quoted. */
    public String labelExpression() {
        StringBuilder sb = new StringBuilder();
        for (String l : labels) {
            sb.append(':').append(WriteCypher.quote(l));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "NodeShape" + labelExpression() + "{" + idProperty + "}";
    }
}
