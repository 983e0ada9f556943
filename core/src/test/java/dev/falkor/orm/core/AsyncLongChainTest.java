package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.value.IntegerValue;
import java.lang.invoke.MethodHandles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A long chain of statements on a transport whose asynchronous calls complete before they
 * return (a transport of the SPI that answers from memory, or runs the call on the caller's
 * thread): the statements run one after another without the stack growing per statement.
 */
class AsyncLongChainTest extends GraphTestSupport {

    interface Members extends AsyncRepository<Member, Long> {
    }

    /** The test's transport, with executeAsync answering on the calling thread. */
    private static Transport answeringAtOnce(Transport t) {
        return new Transport() {
            @Override
            public QueryResult execute(GraphQuery query) {
                return t.execute(query);
            }

            @Override
            public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                try {
                    return CompletableFuture.completedFuture(t.execute(query));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public void deleteGraph(String graph) {
                t.deleteGraph(graph);
            }

            @Override
            public List<String> listGraphs() {
                return t.listGraphs();
            }

            @Override
            public Object command(String name, String... arguments) {
                return t.command(name, arguments);
            }

            @Override
            public String providerName() {
                return t.providerName();
            }

            @Override
            public void close() {
                // the test's transport is closed by the test kit
            }
        };
    }

    @Test
    void aSaveOfManyBatchesOnATransportAnsweringAtOnceDoesNotOverflowTheStack() throws Exception {
        int n = 1500;
        List<Member> many = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            many.add(new Member(i, "m" + i, 30, true, 1.5, "Cork", List.of(), LocalDate.of(2020, 1, 1)));
        }
        try (FalkorOrm small = FalkorOrm.builder().transport(answeringAtOnce(transport)).graph(graph)
                .lookup(MethodHandles.lookup()).batchSize(1).entities(Member.class).build()) {
            Members members = small.asyncRepository(Members.class);
            AtomicReference<CompletableFuture<List<Member>>> call = new AtomicReference<>();
            // a thread with a small stack: each statement of the chain must not add frames to it
            Thread caller = new Thread(null, () -> call.set(members.saveAll(many)), "small-stack", 256 * 1024);
            caller.start();
            caller.join(60_000);
            assertEquals(n, call.get().get(60, TimeUnit.SECONDS).size());
        }
        assertEquals((long) n, ((IntegerValue) scalar("MATCH (m:Member) RETURN count(m)", Map.of())).value(),
                "read back with plain Cypher");
    }
}
