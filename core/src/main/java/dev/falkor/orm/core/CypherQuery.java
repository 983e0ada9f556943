package dev.falkor.orm.core;

import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.repository.RepositoryFactory;
import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.GraphQuery;
import dev.falkor.orm.spi.QueryStatistics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A Cypher statement being prepared with {@link FalkorOrm#query(String)}. Parameter values go
 * through the registered converters (a {@code UUID} or {@code LocalDate} is stored the same way
 * the mapper stores it) and travel as parameters. Not thread-safe; build one per call.
 *
 * <p>Results map by type: an entity class reads the node in the first column; a record or
 * interface projection reads columns by name (or the properties of a single node column);
 * anything else reads the first column as a scalar.
 *
 * <p>Doubles come back bit-exactly. FalkorDB prints doubles with 15 significant digits, so when
 * the result type reads doubles ({@code Double}, {@code Float}, a {@code List}, or a projection
 * with such properties, from columns or from a lone node column), the statement's final
 * {@code RETURN} is rewritten once per call into
 * {@code WITH <your items> <your ORDER BY/SKIP/LIMIT> ... RETURN <exact forms>}, with the same
 * column names, rows and order. Statements whose columns cannot be rewritten (a
 * {@code UNION}, {@code RETURN *}, no named columns) are refused with a
 * {@link dev.falkor.orm.api.MappingException} that says what to write instead; read the column as
 * {@code Number} or {@code Object} to accept the server's 15 digits. Entities are read exactly
 * whatever the statement's shape.
 */
public final class CypherQuery {
    private final String cypher;
    private final RepositoryFactory repositories;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private boolean write;
    private Duration timeout;

    CypherQuery(String cypher, RepositoryFactory repositories) {
        this.cypher = Objects.requireNonNull(cypher, "cypher");
        this.repositories = repositories;
    }

    /** Binds {@code $name}. */
    public CypherQuery param(String name, Object value) {
        Objects.requireNonNull(name, "name");
        try {
            parameters.put(name, repositories.values().toParameter(value));
        } catch (dev.falkor.orm.api.InvalidParameterException e) {
            throw new dev.falkor.orm.api.InvalidParameterException(name, e.problem(), repositories.graph().graph(),
                    cypher, List.copyOf(parameters.keySet()));
        }
        return this;
    }

    /** Binds several parameters. */
    public CypherQuery params(Map<String, ?> values) {
        values.forEach(this::param);
        return this;
    }

    /** Sends with {@code GRAPH.QUERY} so the statement may write. */
    public CypherQuery write() {
        this.write = true;
        return this;
    }

    /**
     * Entities read by {@link #list}/{@link #one}/{@link #stream} get the relationships of
     * {@code plan}, loaded for all of them in one more query. Without it, the fields declared
     * {@code fetch = EAGER} are loaded. Relationship fields are also filled from result columns
     * named like them: {@code RETURN p, collect(f) AS friends}.
     */
    public CypherQuery fetch(dev.falkor.orm.api.FetchPlan plan) {
        this.fetch = Objects.requireNonNull(plan, "plan");
        return this;
    }

    private dev.falkor.orm.api.FetchPlan fetch;

    /**
     * The labels and relationship types the statement reads or changes, for the result cache: a
     * write invalidates only results depending on them (without it, every cached result of the
     * graph), a {@link #cache cached} read depends only on them (without it, on every write).
     */
    public CypherQuery regions(String... labelsAndTypes) {
        this.regions = java.util.Set.of(labelsAndTypes);
        return this;
    }

    /**
     * Serves this read from the result cache (if a cache module is present) for at most
     * {@code ttl}, invalidated by the mapper's writes to its {@link #regions} (all writes if none
     * are given).
     */
    public CypherQuery cache(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The cache time to live must be positive, was " + ttl);
        }
        this.cacheTtl = ttl;
        return this;
    }

    private java.util.Set<String> regions;
    private Duration cacheTtl;

    /** A server-side timeout for this statement. */
    public CypherQuery timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** All rows as {@code type}. */
    public <T> List<T> list(Class<T> type) {
        return repositories.graph().run(listStep(type));
    }

    /** The only row, if any; more than one is an error. */
    public <T> Optional<T> one(Class<T> type) {
        return repositories.graph().run(oneStep(type));
    }

    /**
     * {@link #list} without blocking: the future completes with the rows, or with the exception
     * {@code list} would throw. See {@link dev.falkor.orm.api.AsyncRepository} for threads,
     * cancellation and sessions.
     */
    public <T> CompletableFuture<List<T>> listAsync(Class<T> type) {
        // the statement is taken now (runAsync builds the step on this thread), and a bad one fails the future
        return repositories.graph().runAsync(() -> repositories.queryStep(graphQuery(), type, fetch));
    }

    /** {@link #one} without blocking. */
    public <T> CompletableFuture<Optional<T>> oneAsync(Class<T> type) {
        return repositories.graph().runAsync(() -> oneStep(graphQuery(), type));
    }

    /** {@link #execute} without blocking: completes with the server's statistics. */
    public CompletableFuture<QueryStatistics> executeAsync() {
        return repositories.graph().runAsync(() -> {
            GraphQuery q = graphQuery();
            return Step.run(q, q.readOnly(), QueryResult::statistics);
        });
    }

    private <T> Step<List<T>> listStep(Class<T> type) {
        return repositories.queryStep(graphQuery(), type, fetch);
    }

    private <T> Step<Optional<T>> oneStep(Class<T> type) {
        return oneStep(graphQuery(), type);
    }

    private <T> Step<Optional<T>> oneStep(GraphQuery q, Class<T> type) {
        return repositories.queryStep(q, type, fetch).map(rows -> {
            if (rows.size() > 1) {
                throw new dev.falkor.orm.api.IncorrectResultSizeException("Expected at most one row but got "
                        + rows.size() + "; add LIMIT or read a list [query: " + cypher + "]", 1, rows.size());
            }
            return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
        });
    }

    /** The rows as a stream (already read from the server). */
    public <T> Stream<T> stream(Class<T> type) {
        return list(type).stream();
    }

    /** Runs the statement for its effect; returns the server's statistics. */
    public QueryStatistics execute() {
        return repositories.graph().execute(graphQuery()).statistics();
    }

    /** The statement as it stands now (later changes to this builder do not reach a call already made). */
    private GraphQuery graphQuery() {
        if (write && cacheTtl != null) {
            throw new IllegalStateException("A write is never cached: drop cache(...) or write() [query: " + cypher + "]");
        }
        return new GraphQuery(repositories.graph().graph(), cypher, parameters, !write, timeout, regions,
                repositories.cache().ttlIfEnabled(cacheTtl));
    }
}
