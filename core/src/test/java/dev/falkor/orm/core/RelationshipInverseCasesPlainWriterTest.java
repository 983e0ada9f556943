package dev.falkor.orm.core;

/** {@link RelationshipInverseCasesTest} with the built-in writer (one statement per entity): the same graph, more statements. */
class RelationshipInverseCasesPlainWriterTest extends RelationshipInverseCasesTest {
    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return super.configure(builder).batchWriter("plain");
    }
}
