package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.core.model.Member;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.value.IntegerValue;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A retry waiting for its backoff when the caller cancels the future: cancelling stops the
 * statements not yet sent, and the retry of a write is one of them.
 */
class AsyncRetryCancelTest extends GraphTestSupport {
    private static final Duration BACKOFF = Duration.ofMillis(200);

    interface Members extends AsyncRepository<Member, Long> {
    }

    /** The first write fails as not sent (as a refused connection does); every write sent is queued here. */
    private final LinkedBlockingQueue<String> writes = new LinkedBlockingQueue<>();
    private final AtomicBoolean failNext = new AtomicBoolean(true);

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.entities(Member.class).retryPolicy(RetryPolicy.attempts(3, BACKOFF))
                .decorateExecutor(next -> new Executor.Forwarding(next) {
                    @Override
                    public CompletionStage<QueryResult> executeAsync(GraphQuery query) {
                        if (query.readOnly()) {
                            return next.executeAsync(query);
                        }
                        writes.add(query.cypher());
                        if (failNext.getAndSet(false)) {
                            return CompletableFuture.failedFuture(new ConnectionException("refused (test)",
                                    ConnectionException.Outcome.NOT_SENT, null));
                        }
                        return next.executeAsync(query);
                    }
                });
    }

    @Test
    void cancellingDuringTheBackoffSendsNoRetry() throws Exception {
        Members members = orm.asyncRepository(Members.class);
        CompletableFuture<Member> call = members.save(new Member(1, "Ann", 30, true, 1.5, "Cork", List.of(),
                LocalDate.of(2020, 1, 1)));
        assertTrue(writes.poll(10, TimeUnit.SECONDS) != null, "the first attempt was made (and failed)");
        assertTrue(call.cancel(true), "cancelled while the retry waits for its backoff");
        // the retry would be sent one backoff after the failure; wait several
        assertNull(writes.poll(BACKOFF.toMillis() * 4, TimeUnit.MILLISECONDS), "no retry was sent after the cancel");
        assertEquals(0L, ((IntegerValue) scalar("MATCH (m:Member) RETURN count(m)", Map.of())).value(),
                "read back: the cancelled save was not applied");
    }
}
