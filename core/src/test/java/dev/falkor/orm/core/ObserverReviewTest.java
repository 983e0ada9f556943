package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.observe.OrmObserver;
import dev.falkor.orm.spi.observe.StatementEvent;
import dev.falkor.orm.spi.observe.StatementObservation;
import dev.falkor.orm.testkit.GraphTest;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * OrmObserver's contract: "a throwing observer is logged and ignored, never failing the user's
 * call", at the mapper's build and close too (review finding, fixed).
 */
class ObserverReviewTest extends GraphTest {

    /** Counts the statements it hears; its start/close hooks throw as asked. */
    private static final class Throwing implements OrmObserver {
        final AtomicInteger statements = new AtomicInteger();
        final boolean failStart;
        final boolean failClose;

        Throwing(boolean failStart, boolean failClose) {
            this.failStart = failStart;
            this.failClose = failClose;
        }

        @Override
        public StatementObservation statementStarted(StatementEvent statement) {
            statements.incrementAndGet();
            return new StatementObservation() {
                @Override
                public void succeeded(int rows) {
                }

                @Override
                public void failed(Throwable error) {
                }
            };
        }

        @Override
        public Registration mapperStarted(String graph, Transport transport, ResultCache cache) {
            if (failStart) {
                throw new IllegalStateException("gauge registration failed");
            }
            return () -> {
                if (failClose) {
                    throw new IllegalStateException("gauge removal failed");
                }
            };
        }
    }

    private FalkorOrm.Builder builder(OrmObserver observer) {
        return FalkorOrm.builder().transport(transport).graph(graph).lookup(MethodHandles.lookup()).cache("none")
                .observer(observer);
    }

    @Test
    void anObserverThatThrowsAtMapperStartDoesNotFailTheBuild() {
        Throwing observer = new Throwing(true, false);
        FalkorOrm orm = assertDoesNotThrow(() -> builder(observer).build(),
                "OrmObserver: a throwing observer is logged and ignored, never failing the user's call");
        try {
            assertEquals(List.of(1L), orm.query("RETURN 1").list(Long.class));
        } finally {
            orm.close();
        }
    }

    @Test
    void anObserverThatThrowsAtMapperCloseDoesNotFailClose() {
        Throwing observer = new Throwing(false, true);
        FalkorOrm orm = builder(observer).build();
        assertEquals(List.of(1L), orm.query("RETURN 1").list(Long.class));
        assertDoesNotThrow(orm::close,
                "OrmObserver: a throwing observer is logged and ignored, never failing the user's call");
    }
}
