package dev.falkor.orm.core;

/** {@link RepositoryCrudTest} with the built-in writer (one statement per entity): the same graph, more statements. */
class RepositoryCrudPlainWriterTest extends RepositoryCrudTest {
    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.batchWriter("plain");
    }
}
