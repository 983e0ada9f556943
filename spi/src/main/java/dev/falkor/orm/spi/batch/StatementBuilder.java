package dev.falkor.orm.spi.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one statement from operations, in order: the batch's version checks first, then each
 * operation (its rows unwound from a list parameter, or as plain parameters when it has one
 * row), chained with {@code WITH count(*)} barriers, which keep one row flowing even when an
 * operation matched nothing ({@code CALL {}} subqueries drop rows for writes on FalkorDB 4.x).
 * In a guarded statement that writes nodes of shapes with unique properties, a
 * {@link WriteCypher#guard(List, String) guard} for all of them comes before every operation, so
 * a constraint that is not operational stops every write of the statement, and the statement
 * ends returning whether all were operational.
 *
 * <p>API for batch-writer providers, not for applications. Not thread-safe: one per statement.
 */
public final class StatementBuilder {
    private final boolean guarded;
    private final StringBuilder prefix = new StringBuilder();
    /** The Cypher of each operation, joined with barriers (and guards) by {@link #build}. */
    private final List<String> partTexts = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();
    private final Set<NodeShape> nodes = new LinkedHashSet<>();
    private final List<NodeShape> guardedNodes = new ArrayList<>();
    private boolean checksVersions;
    private int labelsPerNode;
    private int parts;
    private int rows;

    /** A statement whose node writes are guarded if {@code guarded} (see {@link WriteBatch#guarded()}). */
    public StatementBuilder(boolean guarded) {
        this.guarded = guarded;
    }

    private final List<WriteOperation.CheckVersions> checks = new ArrayList<>();

    /** Adds version checks (any time before {@link #build}; they go first in the statement). Empty ones are skipped. */
    public StatementBuilder checks(List<WriteOperation.CheckVersions> more) {
        for (WriteOperation.CheckVersions c : more) {
            if (c.size() > 0) {
                checks.add(c);
                rows += c.size();
            }
        }
        return this;
    }

    private void renderChecks() {
        if (checks.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            String name = "v" + i;
            names.add(name);
            parameters.put(name, checks.get(i).rows());
        }
        prefix.append(WriteCypher.versionChecks(checks, names));
        checksVersions = true;
    }

    /** Adds an operation (skipped when empty; version checks go through {@link #checks}). */
    public StatementBuilder add(WriteOperation op) {
        if (op.size() == 0) {
            return this;
        }
        if (op instanceof WriteOperation.CheckVersions) {
            throw new IllegalArgumentException("Version checks are added with checks(...)");
        }
        int n = parts++;
        StringBuilder cypher = new StringBuilder();
        boolean writesNodes = !(op instanceof WriteOperation.Edges);
        if (guarded && writesNodes && !op.node().uniqueProperties().isEmpty() && !guardedNodes.contains(op.node())) {
            guardedNodes.add(op.node());
        }
        nodes.add(op.node());
        rows += op.size();
        WriteCypher.Row row;
        if (op.size() == 1) {
            row = WriteCypher.Row.parameter("p" + n);
            row.bind(op instanceof WriteOperation.DeleteNodes d ? d.ids().get(0) : rows(op).get(0), parameters);
        } else {
            String list = "rows" + n;
            cypher.append("UNWIND $").append(list).append(" AS row ");
            row = WriteCypher.Row.unwound("row");
            parameters.put(list, op instanceof WriteOperation.DeleteNodes d ? d.ids() : rows(op));
        }
        if (op instanceof WriteOperation.CreateNodes c) {
            cypher.append(WriteCypher.createNodes(c.node(), row));
            if (c.node().open()) {
                labelsPerNode = Math.max(labelsPerNode, WriteCypher.labelsSetByUpsert(c.node()));
            }
        } else if (op instanceof WriteOperation.UpsertNodes u) {
            cypher.append(WriteCypher.upsertNodes(u.node(), row));
            labelsPerNode = Math.max(labelsPerNode, WriteCypher.labelsSetByUpsert(u.node()));
        } else if (op instanceof WriteOperation.DeleteNodes d) {
            cypher.append(WriteCypher.deleteNode(d.node(), row.self()));
        } else if (op instanceof WriteOperation.Edges e) {
            cypher.append(WriteCypher.edges(e.change(), e.edge(), row));
        }
        partTexts.add(cypher.toString());
        return this;
    }

    private static List<Map<String, Object>> rows(WriteOperation op) {
        if (op instanceof WriteOperation.CreateNodes c) {
            return c.rows();
        }
        if (op instanceof WriteOperation.UpsertNodes u) {
            return u.rows();
        }
        return ((WriteOperation.Edges) op).rows();
    }

    /** True if version checks were added. */
    public boolean hasChecks() {
        return !checks.isEmpty();
    }

    /** Operations added so far. */
    public int parts() {
        return parts;
    }

    /** The statement. */
    public WriteStatement build() {
        renderChecks();
        boolean isGuarded = !guardedNodes.isEmpty();
        StringBuilder text = new StringBuilder(prefix);
        for (int i = 0; i < partTexts.size(); i++) {
            if (i > 0) {
                text.append(" WITH count(*) AS __c").append(i).append(' ');
            }
            if (isGuarded) {
                // the guard goes before every part: a row it stops would come back after the next
                // count(*) barrier. It filters instead of failing, so the statement commits (writing
                // nothing) and reports the outcome: a failed statement that met new property names
                // would leave the server's cached plan with property ids it rolled back (FalkorDB 4.x)
                text.append(WriteCypher.guard(guardedNodes, "__g" + i));
            }
            text.append(partTexts.get(i));
        }
        if (isGuarded) {
            text.append(' ').append(WriteCypher.guardResult(guardedNodes));
        } else if (parts == 0 && checksVersions) {
            text.append("RETURN __versions");
        }
        return new WriteStatement(text.toString(), parameters, isGuarded, checksVersions, labelsPerNode, new ArrayList<>(nodes),
                rows);
    }
}
