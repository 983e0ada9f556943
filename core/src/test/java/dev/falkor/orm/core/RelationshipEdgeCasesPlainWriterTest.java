package dev.falkor.orm.core;

/** {@link RelationshipEdgeCasesTest} with the built-in writer (one statement per entity): the same graph, more statements. */
class RelationshipEdgeCasesPlainWriterTest extends RelationshipEdgeCasesTest {
    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return super.configure(builder).batchWriter("plain");
    }
}
