package dev.falkor.orm.core;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.core.internal.Providers;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import dev.falkor.orm.core.internal.exec.Executor;
import dev.falkor.orm.core.internal.repository.GraphAccess;
import dev.falkor.orm.core.internal.repository.RepositoryFactory;
import dev.falkor.orm.core.internal.repository.SchemaManager;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spi.TransportProvider;
import dev.falkor.orm.spi.ValueConverter;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: one instance per graph, immutable and thread-safe, shared by the whole
 * application.
 *
 * <pre>{@code
 * FalkorOrm orm = FalkorOrm.builder()
 *         .url("redis://localhost:6379")
 *         .graph("social")
 *         .lookup(MethodHandles.lookup())   // lets the mapper access your entities without `opens`
 *         .build();
 * PersonRepository people = orm.repository(PersonRepository.class);
 * }</pre>
 *
 * <p>The transport is the one given to {@link Builder#transport(Transport)}; else the provider
 * named with {@link Builder#transportProvider(String)} or system property
 * {@code falkor.orm.transport}; else the only provider on the class or module path.
 * Converters come from the builder and from {@link java.util.ServiceLoader}. Writes go through
 * the batch writer named with {@link Builder#batchWriter(String)} or system property
 * {@code falkor.orm.batch}; else the only batch-writer module present (add
 * {@code falkor-orm-batch-unwind} for grouped {@code UNWIND} statements); else the built-in
 * {@code plain} writer, one statement per entity, which is logged once.
 */
public final class FalkorOrm implements AutoCloseable {
    private final Transport transport;
    private final boolean ownsTransport;
    private final String graph;
    private final int batchSize;
    private final RepositoryFactory repositories;
    private final dev.falkor.orm.core.internal.mapping.Lifecycle lifecycle;
    private final Map<Class<?>, Object> repositoryCache = new ConcurrentHashMap<>();
    private final dev.falkor.orm.spi.cache.ResultCache resultCache;
    private final boolean ownsResultCache;
    private final dev.falkor.orm.spi.observe.OrmObserver observer;
    /** Set once the observer heard of this mapper's start: only then is it told of the close. */
    private volatile dev.falkor.orm.spi.observe.OrmObserver.Registration registration;

    private FalkorOrm(Builder b) {
        if (b.transport != null) {
            this.transport = b.transport;
            this.ownsTransport = false;
        } else {
            TransportProvider provider = Providers.transportProvider(b.providerName);
            TransportConfig config = b.config != null ? b.config : TransportConfig.builder().build();
            this.transport = provider.create(config);
            this.ownsTransport = true;
        }
        this.graph = b.graph;
        this.batchSize = b.batchSize;
        @SuppressWarnings("rawtypes")
        List<ValueConverter> discovered = b.discoverConverters ? Providers.converters() : List.of();
        this.lifecycle = new dev.falkor.orm.core.internal.mapping.Lifecycle(b.listeners, b.clock);
        MappingContext mapping = new MappingContext(b.lookup, b.converters, discovered, lifecycle);
        boolean noCacheModule = false; // no cache because none is on the path: the first @Cacheable says so
        if (b.resultCache != null) {
            this.resultCache = b.resultCache;
            this.ownsResultCache = false;
        } else {
            dev.falkor.orm.spi.cache.ResultCacheProvider cacheProvider = Providers.resultCacheProvider(b.cacheName);
            noCacheModule = cacheProvider == null && Providers.cacheUnnamed(b.cacheName);
            dev.falkor.orm.spi.cache.ResultCacheConfig cacheConfig = b.cacheConfig.withClock(b.clock);
            if (cacheConfig.redis() == null) {
                // a Redis-backed cache uses the mapper's own server unless told otherwise
                TransportConfig own = b.config != null ? b.config
                        : transport instanceof dev.falkor.orm.spi.wire.WireTransport w ? w.config() : null;
                cacheConfig = cacheConfig.withRedis(own);
            }
            dev.falkor.orm.spi.cache.ResultCache created;
            try {
                created = cacheProvider == null ? null : cacheProvider.create(cacheConfig);
            } catch (RuntimeException e) {
                if (ownsTransport) {
                    transport.close(); // the mapper is not built: release what it opened
                }
                throw e;
            }
            this.resultCache = created;
            this.ownsResultCache = true;
        }
        Executor executor = Executor.of(transport);
        this.observer = b.observer;
        if (observer != null) {
            executor = dev.falkor.orm.core.internal.observe.Observing.executor(executor, observer, graph);
        }
        if (resultCache != null) {
            executor = new dev.falkor.orm.core.internal.cache.CachingExecutor(executor, resultCache);
        }
        GraphAccess access = new GraphAccess(transport, graph, b.decorator.apply(executor), b.retryPolicy,
                lifecycle);
        this.repositories = new RepositoryFactory(mapping, access, new SchemaManager(access, b.schemaMode), b.batchSize,
                Providers.batchWriter(b.batchWriterName, b.batchSize), b.lookup,
                new dev.falkor.orm.core.internal.cache.CachePolicy(resultCache != null, b.cacheTtl,
                        noCacheModule), observer);
        this.settings = Map.copyOf(b.settings);
        try {
            repositories.indexLabels(b.entities);
            for (Class<?> entity : b.entities) {
                repositories.register(entity);
            }
            if (observer != null) {
                registration = dev.falkor.orm.core.internal.observe.Observing.mapperStarted(observer, graph, transport,
                        resultCache);
            }
            for (StartupHook hook : Providers.load(StartupHook.class)) {
                hook.started(this);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens a transport to share between several mappers, for example one {@code FalkorOrm} per
     * tenant's graph ({@code FalkorOrm.builder().transport(shared).graph("tenant:" + id)}): they use
     * its connections instead of opening their own, and closing a mapper leaves it open. The
     * provider is chosen as for {@link Builder#transportProvider} ({@code null}: the
     * {@code falkor.orm.transport} property, else the only one present). The caller closes it.
     */
    public static Transport openTransport(String providerName, TransportConfig config) {
        Objects.requireNonNull(config, "config");
        return Providers.transportProvider(providerName).create(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The implementation of a repository interface ({@code interface PersonRepository extends
     * Repository<Person, UUID>}). Created once per interface; the entity's mapping is
     * validated and its indexes are ensured on first request.
     */
    public <R extends Repository<?, ?>> R repository(Class<R> repositoryInterface) {
        Objects.requireNonNull(repositoryInterface, "repositoryInterface");
        return repositoryInterface.cast(repositoryCache.computeIfAbsent(repositoryInterface,
                type -> repositories.create(type)));
    }

    /**
     * The implementation of an asynchronous repository interface ({@code interface People extends
     * AsyncRepository<Person, String>}), whose methods return futures (see
     * {@link dev.falkor.orm.api.AsyncRepository}). Created once per interface, like
     * {@link #repository}.
     */
    public <R extends dev.falkor.orm.api.AsyncRepository<?, ?>> R asyncRepository(Class<R> repositoryInterface) {
        Objects.requireNonNull(repositoryInterface, "repositoryInterface");
        return repositoryInterface.cast(repositoryCache.computeIfAbsent(repositoryInterface,
                type -> repositories.create(type)));
    }

    /**
     * Opens a unit of work on the calling thread (see {@link dev.falkor.orm.api.Session}): reads on
     * this thread return its managed instances until it is closed.
     *
     * @throws IllegalStateException if a session is already open on this thread
     */
    public dev.falkor.orm.api.Session openSession() {
        return new dev.falkor.orm.core.internal.session.UnitOfWork(repositories, lifecycle);
    }

    /**
     * A bulk save of entities of {@code type} streamed chunk by chunk (see {@link BulkSave}), for
     * more entities than a {@code saveAll} should hold in memory.
     */
    public <T> BulkSave<T> bulkSave(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new BulkSave<>(repositories.operations(type), type, batchSize);
    }

    /**
     * Any Cypher, with parameters, mapped to entities, projections or scalars:
     *
     * <pre>{@code
     * List<Person> friends = orm.query("MATCH (:Person {name: $name})-[:KNOWS]->(f:Person) RETURN f")
     *         .param("name", "Ann")
     *         .list(Person.class);
     * }</pre>
     *
     * Read-only ({@code GRAPH.RO_QUERY}) unless {@link CypherQuery#write()} is called.
     */
    public CypherQuery query(String cypher) {
        return new CypherQuery(cypher, repositories);
    }

    /** Internal: the repository machinery, for tests of the core's seams in this package. */
    RepositoryFactory internals() {
        return repositories;
    }

    /** The graph this mapper works on. */
    public String graph() {
        return graph;
    }

    /**
     * The raw transport, for plain Cypher next to the mapper. Statements sent through it bypass
     * the mapper's executor: they are not retried, and later features that watch every statement
     * (the result cache's invalidation, sessions, metrics) do not see them. Prefer
     * {@link #query(String)}, which goes through the executor.
     */
    public Transport transport() {
        return transport;
    }

    private final Map<String, String> settings;

    /**
     * A setting given with {@link Builder#setting}, else the system property of that name, else the
     * environment variable of that name upper-cased with dots as underscores
     * ({@code falkor.orm.migrate} → {@code FALKOR_ORM_MIGRATE}); empty if none is set.
     */
    public java.util.Optional<String> setting(String name) {
        String v = settings.get(name);
        if (v == null) {
            v = System.getProperty(name);
        }
        if (v == null) {
            v = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return java.util.Optional.ofNullable(v);
    }

    /** Graph algorithms (shortest path, PageRank, connected components) on mapped entities. */
    public GraphAlgorithms algorithms() {
        return new GraphAlgorithms(repositories);
    }

    /** The indexes and constraints of the graph against the entity model: plan, apply, validate. */
    public Schema schema() {
        return new Schema(repositories);
    }

    /**
     * The observer given to {@link Builder#observer}, for modules that send statements on
     * {@link #transport()} themselves and should report them too (see
     * {@code dev.falkor.orm.spi.observe.Observations#observing}).
     *
     * @return the observer, or empty if none was set
     */
    public java.util.Optional<dev.falkor.orm.spi.observe.OrmObserver> observer() {
        return java.util.Optional.ofNullable(observer);
    }

    /**
     * The result cache {@code @Cacheable} methods and entities use, if a cache module is present
     * (or one was given with {@link Builder#resultCache}): its statistics, and {@code clear()} after
     * the graph was changed by someone else.
     */
    public java.util.Optional<dev.falkor.orm.spi.cache.ResultCache> resultCache() {
        return java.util.Optional.ofNullable(resultCache);
    }

    /** Closes the transport and the result cache if this instance created them. */
    @Override
    public void close() {
        try {
            if (registration != null) {
                dev.falkor.orm.core.internal.observe.Observing.mapperClosed(registration); // never throws
                registration = null;
            }
            repositories.relations().close();
            if (ownsResultCache && resultCache != null) {
                resultCache.close();
            }
        } finally {
            if (ownsTransport) {
                transport.close();
            }
        }
    }

    /** Settings for {@link FalkorOrm}; {@link #graph(String)} is required. */
    public static final class Builder {
        private Transport transport;
        private String providerName;
        private String batchWriterName;
        private final List<dev.falkor.orm.api.EntityListener> listeners = new ArrayList<>();
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private TransportConfig config;
        private String graph;
        private MethodHandles.Lookup lookup;
        @SuppressWarnings("rawtypes")
        private final List<ValueConverter> converters = new ArrayList<>();
        private final List<Class<?>> entities = new ArrayList<>();
        private SchemaMode schemaMode = SchemaMode.CREATE;
        private int batchSize = 1000;
        private final Map<String, String> settings = new java.util.LinkedHashMap<>();

        private dev.falkor.orm.spi.observe.OrmObserver observer;

        /**
         * Reports every statement sent and every repository call to {@code observer}, for metrics
         * and tracing; for Micrometer, {@code falkor-orm-micrometer}'s {@code FalkorMetrics}.
         * Without one (the default) the mapper calls nothing.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(dev.falkor.orm.spi.observe.OrmObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * A named setting for modules that act at start ({@link StartupHook}s), e.g.
         * {@code setting("falkor.orm.migrate", "classpath:db/migration")}; wins over the system
         * property and environment variable of that name.
         */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        private String cacheName;
        private dev.falkor.orm.spi.cache.ResultCache resultCache;
        private dev.falkor.orm.spi.cache.ResultCacheConfig cacheConfig = dev.falkor.orm.spi.cache.ResultCacheConfig.defaults();
        private java.time.Duration cacheTtl = java.time.Duration.ofMinutes(1);

        /**
         * The result cache module to use ({@code caffeine}, {@code redis}, or {@code none}); by
         * default {@code -Dfalkor.orm.cache=...}, else the only cache module present, else none.
         * Only {@link dev.falkor.orm.api.annotation.Cacheable} entities and methods, and
         * {@link CypherQuery#cache} reads, are cached.
         */
        public Builder cache(String name) {
            this.cacheName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * A result cache to use (and not close), for example one shared by several mappers of one
         * application; wins over {@link #cache}.
         */
        public Builder resultCache(dev.falkor.orm.spi.cache.ResultCache cache) {
            this.resultCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * Settings of the cache this mapper creates: its size bound, and for {@code redis} where its
         * Redis is (default: this mapper's own server). The clock is the builder's {@link #clock}.
         */
        public Builder cacheConfig(dev.falkor.orm.spi.cache.ResultCacheConfig config) {
            this.cacheConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** How long cached results live unless {@code @Cacheable(ttl = ...)} says otherwise (default one minute). */
        public Builder cacheTtl(java.time.Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new ConfigurationException("cacheTtl must be a positive duration, was " + ttl);
            }
            this.cacheTtl = ttl;
            return this;
        }
        private boolean discoverConverters = true;
        private RetryPolicy retryPolicy = RetryPolicy.none();
        private java.util.function.UnaryOperator<Executor> decorator = java.util.function.UnaryOperator.identity();

        private Builder() {
        }

        /** Use this transport (the caller keeps ownership and closes it). Wins over everything else. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Choose the transport provider by name ({@code jedis}, {@code lettuce}). */
        public Builder transportProvider(String name) {
            this.providerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Connection settings for a transport the mapper creates. */
        public Builder transportConfig(TransportConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Shorthand for {@code transportConfig(TransportConfig.fromUrl(url))}. */
        public Builder url(String url) {
            return transportConfig(TransportConfig.fromUrl(url));
        }

        /** The graph (Redis key) to map to. */
        public Builder graph(String graph) {
            if (graph == null || graph.isBlank()) {
                throw new ConfigurationException("graph name must not be blank");
            }
            if (graph.indexOf('\0') >= 0) {
                throw new ConfigurationException("graph name contains a NUL character at index " + graph.indexOf('\0')
                        + "; FalkorDB would cut the name there and use another graph");
            }
            this.graph = graph;
            return this;
        }

        /**
         * A lookup from the entities' module ({@code MethodHandles.lookup()}), so the mapper can
         * read and write their fields without {@code opens} in your module-info.
         */
        public Builder lookup(MethodHandles.Lookup lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** Registers a converter; it wins over discovered ones for the types it supports. */
        public Builder converter(ValueConverter<?> converter) {
            this.converters.add(Objects.requireNonNull(converter, "converter"));
            return this;
        }

        /** Do not load converters with ServiceLoader (only builder-registered ones apply). */
        public Builder withoutConverterDiscovery() {
            this.discoverConverters = false;
            return this;
        }

        /**
         * Entity types to validate and prepare (indexes) when the mapper is built. These types
         * (and the subtypes a {@code sealed} type permits) are also the ones polymorphic reads
         * choose from: a node stored as a {@code Dog} reads as a {@code Dog} through an
         * {@code Animal} repository only if {@code Dog} is declared here (or permitted by a sealed
         * {@code Animal}), so what a read returns never depends on which repositories exist.
         */
        public Builder entities(Class<?>... types) {
            for (Class<?> t : types) {
                entities.add(Objects.requireNonNull(t, "entity type"));
            }
            return this;
        }

        /** What to do about indexes and constraints; default {@link SchemaMode#CREATE}. */
        public Builder schemaMode(SchemaMode mode) {
            this.schemaMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Choose the batch writer by name: {@code unwind} (module {@code falkor-orm-batch-unwind})
         * or {@code plain} (built in: one statement per entity). Without it: system property
         * {@code falkor.orm.batch}, else the only batch-writer module present, else {@code plain}.
         * What a write stores is the same with every writer; only the number of statements and
         * the speed differ.
         */
        public Builder batchWriter(String name) {
            this.batchWriterName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Adds a listener to the lifecycle of every entity (saves, deletes, reads), called after
         * the entity's own {@code @PrePersist}... methods for the same event.
         */
        public Builder listener(dev.falkor.orm.api.EntityListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The clock {@code @CreatedDate} and {@code @LastModifiedDate} read; default the system UTC clock. */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Rows per statement in batch writes (the batch writer's chunk size); default 1,000. */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new ConfigurationException("batchSize must be at least 1, was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** When to repeat a statement whose connection failed; default {@link RetryPolicy#none()}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Internal: wraps the executor every statement of the mapper passes (tests, metrics).
         * Not for applications; the executor type lives in an unexported package.
         */
        Builder decorateExecutor(java.util.function.UnaryOperator<Executor> decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        public FalkorOrm build() {
            if (graph == null) {
                throw new ConfigurationException("Set the graph name with FalkorOrm.builder().graph(\"name\")");
            }
            return new FalkorOrm(this);
        }
    }
}
