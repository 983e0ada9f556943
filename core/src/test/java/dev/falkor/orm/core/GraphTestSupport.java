package dev.falkor.orm.core;

import dev.falkor.orm.testkit.GraphTest;
import java.lang.invoke.MethodHandles;

/** {@link GraphTest} plus a mapper on the test's graph. */
public abstract class GraphTestSupport extends GraphTest {
    protected FalkorOrm orm;

    @Override
    protected void afterGraphOpened() {
        orm = configure(FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup())).build();
    }

    /** Override to add settings. */
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder;
    }

    @Override
    protected void beforeGraphDeleted() {
        if (orm != null) {
            orm.close();
        }
    }
}
