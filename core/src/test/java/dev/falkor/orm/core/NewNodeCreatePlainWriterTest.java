package dev.falkor.orm.core;

/** {@link NewNodeCreateTest} with the built-in writer (one statement per entity): the same graph, more statements. */
class NewNodeCreatePlainWriterTest extends NewNodeCreateTest {
    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return super.configure(builder).batchWriter("plain");
    }

}
