package dev.falkor.orm.micrometer;

import dev.falkor.orm.spi.PoolStatistics;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.cache.CacheStatistics;
import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.observe.InvocationObservation;
import dev.falkor.orm.spi.observe.OrmObserver;
import dev.falkor.orm.spi.observe.StatementEvent;
import dev.falkor.orm.spi.observe.StatementObservation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer metrics and Observations for Falkor ORM. Give it to the mapper:
 * <pre>{@code
 * FalkorOrm orm = FalkorOrm.builder().graph("app")
 *         .observer(FalkorMetrics.of(meterRegistry))
 *         .build();
 * }</pre>
 *
 * <p><b>Meters</b> (in the {@link MeterRegistry}; every meter also carries the builder's common tags):
 * <table>
 *   <caption>Metric names</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #STATEMENTS}</td><td>timer</td><td>graph, kind (read, write, command), outcome (success, error), error (exception class, or none)</td></tr>
 *   <tr><td>{@value #ROWS}</td><td>distribution summary</td><td>graph, kind: rows returned per statement</td></tr>
 *   <tr><td>{@value #ERRORS}</td><td>counter</td><td>graph, kind, error</td></tr>
 *   <tr><td>{@value #INVOCATIONS}</td><td>timer</td><td>repository (simple name), method, outcome, error; asynchronous methods until their future completes</td></tr>
 *   <tr><td>{@value #POOL}{@code .active|idle|waiting|max}</td><td>gauges</td><td>graph, transport; only for transports with a pool (Jedis, not in cluster mode)</td></tr>
 *   <tr><td>{@value #CACHE}{@code .gets}</td><td>function counter</td><td>graph, result (hit, miss)</td></tr>
 *   <tr><td>{@value #CACHE}{@code .puts}, {@code .invalidations}</td><td>function counters</td><td>graph</td></tr>
 *   <tr><td>{@value #CACHE}{@code .size}</td><td>gauge</td><td>graph: entries held</td></tr>
 * </table>
 * A statement is one call to the server: a result-cache hit sends none and shows in the cache counters.
 *
 * <p><b>Observations.</b> With an {@link ObservationRegistry} ({@link Builder#observationRegistry}),
 * statements and repository calls are also Observations named {@value #STATEMENT_OBSERVATION}
 * and {@value #INVOCATION_OBSERVATION}, so tracing handlers make spans of them; a repository
 * call's observation is current on its thread while it runs, so the statements it sends there
 * become its children. Their low-cardinality key values are {@code db.system=falkordb},
 * {@code falkor.graph}, {@code falkor.kind} (and {@code falkor.repository},
 * {@code falkor.method}); the Cypher text is the high-cardinality {@code db.statement} (it
 * holds no values: those travel as parameters). The timers {@value #STATEMENTS} and
 * {@value #INVOCATIONS} are then not recorded by this class: a registry with a meter handler
 * (Spring Boot's has one) times the Observations under their own names instead, so nothing is
 * counted twice.
 *
 * <p>Thread-safe; one instance may serve several mappers (their meters differ by graph).
 */
public final class FalkorMetrics implements OrmObserver {
    /** Timer of statements sent. */
    public static final String STATEMENTS = "falkor.orm.statements";
    /** Distribution summary of rows per statement. */
    public static final String ROWS = "falkor.orm.statement.rows";
    /** Counter of failed statements. */
    public static final String ERRORS = "falkor.orm.statement.errors";
    /** Timer of repository method calls. */
    public static final String INVOCATIONS = "falkor.orm.repository.invocations";
    /** Prefix of the pool gauges. */
    public static final String POOL = "falkor.orm.pool";
    /** Prefix of the result cache meters. */
    public static final String CACHE = "falkor.orm.cache";
    /** Observation name of a statement. */
    public static final String STATEMENT_OBSERVATION = "falkor.orm.statement";
    /** Observation name of a repository call. */
    public static final String INVOCATION_OBSERVATION = "falkor.orm.repository";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Tags common;
    /** How many open mappers registered each gauge (Micrometer hands a second registration the first's meter). */
    private final Map<Meter.Id, Integer> users = new java.util.HashMap<>();
    /** Per graph and kind: the success timer and rows summary, found without allocating. */
    private final Map<String, Map<StatementEvent.Kind, StatementMeters>> statementMeters = new ConcurrentHashMap<>();
    /** Per repository and method: the success timer. */
    private final Map<Class<?>, Map<String, Timer>> invocationTimers = new ConcurrentHashMap<>();

    private record StatementMeters(Timer success, DistributionSummary rows) {
    }

    private FalkorMetrics(Builder b) {
        this.meters = Objects.requireNonNull(b.meters, "meterRegistry");
        this.observations = b.observations == null || b.observations.isNoop() ? null : b.observations;
        this.common = b.tags;
    }

    /**
     * Meters in {@code registry}, no Observations.
     *
     * @param registry where the meters go
     * @return the observer to give {@code FalkorOrm.Builder.observer}
     */
    public static FalkorMetrics of(MeterRegistry registry) {
        return builder().meterRegistry(registry).build();
    }

    /**
     * Settings: a meter registry (required), an observation registry, common tags.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public StatementObservation statementStarted(StatementEvent statement) {
        String kind = statement.kind().tag();
        if (observations != null) {
            Observation o = Observation.createNotStarted(STATEMENT_OBSERVATION, observations)
                    .contextualName(kind + " " + statement.graph())
                    .lowCardinalityKeyValue("db.system", "falkordb")
                    .lowCardinalityKeyValue("falkor.graph", statement.graph())
                    .lowCardinalityKeyValue("falkor.kind", kind)
                    .highCardinalityKeyValue("db.statement", statement.statement())
                    .start();
            return new StatementObservation() {
                @Override
                public void succeeded(int rows) {
                    rows(statement.graph(), kind).record(rows);
                    o.stop();
                }

                @Override
                public void failed(Throwable error) {
                    errors(statement.graph(), kind, error);
                    o.error(error);
                    o.stop();
                }
            };
        }
        StatementMeters m = statementMeters(statement.graph(), statement.kind());
        long start = meters.config().clock().monotonicTime();
        return new StatementObservation() {
            @Override
            public void succeeded(int rows) {
                m.success().record(meters.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
                m.rows().record(rows);
            }

            @Override
            public void failed(Throwable error) {
                String name = error.getClass().getSimpleName();
                statementTimer(statement.graph(), kind, "error", name)
                        .record(meters.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
                errors(statement.graph(), kind, error);
            }
        };
    }

    @Override
    public InvocationObservation invocationStarted(Class<?> repository, String method) {
        String repo = repository.getSimpleName();
        if (observations != null) {
            Observation o = Observation.createNotStarted(INVOCATION_OBSERVATION, observations)
                    .contextualName(repo + "." + method)
                    .lowCardinalityKeyValue("db.system", "falkordb")
                    .lowCardinalityKeyValue("falkor.repository", repo)
                    .lowCardinalityKeyValue("falkor.method", method)
                    .start();
            return new InvocationObservation() {
                @Override
                public void succeeded() {
                    o.stop();
                }

                @Override
                public void failed(Throwable error) {
                    o.error(error);
                    o.stop();
                }

                @Override
                public AutoCloseable openScope() {
                    Observation.Scope scope = o.openScope();
                    return scope::close;
                }
            };
        }
        Timer success = invocationTimers.computeIfAbsent(repository, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, m -> invocationTimer(repo, m, "success", "none"));
        long start = meters.config().clock().monotonicTime();
        return new InvocationObservation() {
            @Override
            public void succeeded() {
                success.record(meters.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
            }

            @Override
            public void failed(Throwable error) {
                invocationTimer(repo, method, "error", error.getClass().getSimpleName())
                        .record(meters.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    /**
     * Registers the mapper's pool gauges and result-cache meters. Mappers on the same graph (and
     * transport provider) share one set, read from the first mapper's transport and cache; the
     * meters go when the last of those mappers closes.
     */
    @Override
    public Registration mapperStarted(String graph, Transport transport, ResultCache cache) {
        List<Meter> registered = new ArrayList<>();
        Tags tags = common.and("graph", graph);
        synchronized (users) {
            if (transport.poolStatistics().isPresent()) {
                Tags poolTags = tags.and("transport", transport.providerName());
                registered.add(poolGauge("active", transport, PoolStatistics::active, poolTags));
                registered.add(poolGauge("idle", transport, PoolStatistics::idle, poolTags));
                registered.add(poolGauge("waiting", transport, PoolStatistics::waiting, poolTags));
                registered.add(poolGauge("max", transport, PoolStatistics::max, poolTags));
            }
            if (cache != null) {
                registered.add(cacheCounter("gets", cache, CacheStatistics::hits, tags.and("result", "hit"),
                        "result cache lookups that found an entry"));
                registered.add(cacheCounter("gets", cache, CacheStatistics::misses, tags.and("result", "miss"),
                        "result cache lookups that found none (or a stale one)"));
                registered.add(cacheCounter("puts", cache, CacheStatistics::puts, tags, "results stored"));
                registered.add(cacheCounter("invalidations", cache, CacheStatistics::invalidations, tags,
                        "invalidations recorded by writes"));
                registered.add(Gauge.builder(CACHE + ".size", cache, c -> c.statistics().size()).tags(tags)
                        .description("entries in the result cache").register(meters));
            }
            for (Meter m : registered) {
                users.merge(m.getId(), 1, Integer::sum);
            }
        }
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            synchronized (users) {
                for (Meter m : registered) {
                    Integer left = users.computeIfPresent(m.getId(), (id, n) -> n == 1 ? null : n - 1);
                    if (left == null) {
                        meters.remove(m);
                    }
                }
            }
        };
    }

    private Meter poolGauge(String name, Transport transport, ToDoubleFunction<PoolStatistics> value, Tags tags) {
        return Gauge.builder(POOL + "." + name, transport,
                        t -> t.poolStatistics().map(value::applyAsDouble).orElse(Double.NaN))
                .tags(tags).description("connections of the transport's pool: " + name).register(meters);
    }

    private Meter cacheCounter(String name, ResultCache cache, ToDoubleFunction<CacheStatistics> value, Tags tags,
                               String description) {
        return FunctionCounter.builder(CACHE + "." + name, cache, c -> value.applyAsDouble(c.statistics()))
                .tags(tags).description(description).register(meters);
    }

    private StatementMeters statementMeters(String graph, StatementEvent.Kind kind) {
        Map<StatementEvent.Kind, StatementMeters> byKind = statementMeters.get(graph);
        StatementMeters m = byKind == null ? null : byKind.get(kind);
        if (m == null) {
            m = statementMeters.computeIfAbsent(graph, g -> new ConcurrentHashMap<>()).computeIfAbsent(kind,
                    k -> new StatementMeters(statementTimer(graph, k.tag(), "success", "none"), rows(graph, k.tag())));
        }
        return m;
    }

    /** Registers or finds a statement timer (the registry keeps one per name and tags). */
    private Timer statementTimer(String graph, String kind, String outcome, String error) {
        return Timer.builder(STATEMENTS)
                .tags(common).tags("graph", graph, "kind", kind, "outcome", outcome, "error", error)
                .description("statements sent to FalkorDB").register(meters);
    }

    private Timer invocationTimer(String repository, String method, String outcome, String error) {
        return Timer.builder(INVOCATIONS).tags(common)
                .tags("repository", repository, "method", method, "outcome", outcome, "error", error)
                .description("repository method calls").register(meters);
    }

    private DistributionSummary rows(String graph, String kind) {
        return DistributionSummary.builder(ROWS)
                .tags(common).tags("graph", graph, "kind", kind).baseUnit("rows")
                .description("rows returned per statement").register(meters);
    }

    private void errors(String graph, String kind, Throwable error) {
        Counter.builder(ERRORS).tags(common).tags("graph", graph, "kind", kind, "error", error.getClass().getSimpleName())
                .description("statements that failed").register(meters).increment();
    }

    /** Settings for {@link FalkorMetrics}. */
    public static final class Builder {
        private MeterRegistry meters;
        private ObservationRegistry observations;
        private Tags tags = Tags.empty();

        private Builder() {
        }

        /**
         * Where meters go (required).
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meters = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Also makes Observations of statements and repository calls (for tracing); their timers
         * then come from the registry's meter handler, see the class comment.
         *
         * @param registry the registry; a no-op registry is ignored
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Tags added to every meter (for example the application's name).
         *
         * @param tags the tags
         * @return this builder
         */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = this.tags.and(tags);
            return this;
        }

        /**
         * The observer.
         *
         * @return a new {@link FalkorMetrics}
         * @throws NullPointerException if no meter registry was given
         */
        public FalkorMetrics build() {
            return new FalkorMetrics(this);
        }
    }
}
