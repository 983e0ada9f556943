package dev.falkor.orm.spi.batch;

import java.util.List;
import java.util.Map;

/**
 * One statement a {@link BatchWriter} produced: the mapper sends it with {@code GRAPH.QUERY} and
 * interprets its reply by these flags. FalkorDB runs each statement atomically.
 *
 * @param cypher the Cypher text: identifiers back-quoted, every value a parameter
 * @param parameters the parameters
 * @param guarded true if the statement checks unique constraints first: it then returns one row
 *                with one boolean column, false when a constraint was not operational, in which
 *                case it wrote nothing
 * @param checksVersions true if the statement runs version checks first: a failed check makes
 *                       the server reject the whole statement with an error
 *                       {@link WriteCypher#isVersionConflict recognised as a conflict}, nothing written
 * @param labelsSetPerCreatedNode how many labels the statement adds to each node it creates
 *                                beyond those the server reports as part of the create; a reply
 *                                reporting more "labels added" than {@code nodesCreated} times this
 *                                means a label was new to the graph (it was re-created)
 * @param nodes the node shapes the statement writes
 * @param rows the rows and ids of the batch the statement carries
 */
public record WriteStatement(String cypher, Map<String, Object> parameters, boolean guarded, boolean checksVersions,
                             int labelsSetPerCreatedNode, List<NodeShape> nodes, int rows) {

    public WriteStatement {
        nodes = List.copyOf(nodes);
    }

    /** True if the reply's statistics show a label new to the graph (see {@link #labelsSetPerCreatedNode}). */
    public boolean labelsBeyondSet(int labelsAdded, int nodesCreated) {
        return labelsAdded > (long) nodesCreated * labelsSetPerCreatedNode;
    }
}
