package dev.falkor.orm.junit;

import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.testkit.SharedServer;
import dev.falkor.orm.testkit.TestGraphs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link FalkorDBTest}; see there. */
public final class FalkorDBExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FalkorDBExtension.class);

    /** What one test class holds. */
    private record Fixture(TestGraph graph, FalkorOrm orm) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        TestGraph graph = new TestGraph(TestGraphs.uniqueName(testClass), SharedServer.url());
        FalkorDBTest settings = testClass.getAnnotation(FalkorDBTest.class);
        FalkorOrm.Builder builder = FalkorOrm.builder().url(graph.url()).graph(graph.name());
        if (settings != null && settings.entities().length > 0) {
            builder.entities(settings.entities());
        }
        FalkorOrm orm = builder.build();
        orm.transport().deleteGraph(graph.name()); // fresh, even if an earlier run left it behind
        context.getStore(NS).put(testClass, new Fixture(graph, orm));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Fixture f = context.getStore(NS).remove(context.getRequiredTestClass(), Fixture.class);
        if (f != null) {
            try {
                f.orm().transport().deleteGraph(f.graph().name());
            } finally {
                f.orm().close();
            }
        }
    }

    private static Fixture fixture(ExtensionContext context) {
        Fixture f = context.getStore(NS).get(context.getRequiredTestClass(), Fixture.class);
        if (f == null) {
            throw new ParameterResolutionException("No FalkorDB fixture for " + context.getRequiredTestClass().getName()
                    + ": annotate the test class with @FalkorDBTest");
        }
        return f;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == FalkorOrm.class || type == TestGraph.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture f = fixture(context);
        return parameter.getParameter().getType() == FalkorOrm.class ? f.orm() : f.graph();
    }
}
