package dev.falkor.orm.core;

/** {@link RelationshipsTest} with the built-in writer (one statement per entity): the same graph, more statements. */
class RelationshipsPlainWriterTest extends RelationshipsTest {
    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return super.configure(builder).batchWriter("plain");
    }

    @Override
    protected boolean groupedWrites() {
        return false;
    }
}
