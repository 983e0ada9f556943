package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.FetchPlan;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.core.internal.relation.GraphSave;
import dev.falkor.orm.core.internal.relation.Relations;
import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.spi.GraphQuery;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.LabelIndex;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Implements repository interfaces with a {@link Proxy}. Everything is resolved when the
 * repository is created: the entity metadata, and for every method the handler that will
 * serve it, so a method that cannot be implemented fails at bootstrap, not at first call.
 */
public final class RepositoryFactory {
    private final MappingContext mapping;
    private final GraphAccess graph;
    private final SchemaManager schema;
    private final int batchSize;
    private final MethodHandles.Lookup lookup;
    private final Values values;
    private final MappingDomainModel domainModel;
    private final Map<Class<?>, EntityOperations<Object>> operations = new ConcurrentHashMap<>();

    /** Null: no observer, repository calls are not wrapped. */
    private final dev.falkor.orm.spi.observe.OrmObserver observer;

    public RepositoryFactory(MappingContext mapping, GraphAccess graph, SchemaManager schema, int batchSize,
                             dev.falkor.orm.spi.batch.BatchWriter writer, MethodHandles.Lookup lookup,
                             dev.falkor.orm.core.internal.cache.CachePolicy cache,
                             dev.falkor.orm.spi.observe.OrmObserver observer) {
        this.cache = cache;
        this.observer = observer;
        this.mapping = mapping;
        this.graph = graph;
        this.schema = schema;
        this.batchSize = batchSize;
        this.lookup = lookup;
        this.values = new Values(mapping);
        this.domainModel = new MappingDomainModel(mapping);
        this.labelIndex = LabelIndex.of(List.of(), mapping);
        this.writes = new Writes(graph, schema, writer, mapping, schema.guardsWrites());
        this.relations = new Relations(graph, () -> labelIndex, type -> mapping.entity(type).relationships());
        this.graphSave = new GraphSave(relations, type -> operations(type).rows(), writes);
    }

    private final GraphSave graphSave;
    private final dev.falkor.orm.core.internal.cache.CachePolicy cache;

    /** What is cached, and for how long. */
    public dev.falkor.orm.core.internal.cache.CachePolicy cache() {
        return cache;
    }

    private final Relations relations;

    /** The entity types registered so far (declared on the builder or used by a repository). */
    public java.util.List<EntityMetadata> registeredEntities() {
        java.util.List<EntityMetadata> out = new java.util.ArrayList<>();
        for (Class<?> type : registered) {
            out.add(mapping.entity(type));
        }
        return out;
    }

    private final java.util.Set<Class<?>> registered = new java.util.concurrent.CopyOnWriteArraySet<>();

    /** The schema machinery. */
    public SchemaManager schema() {
        return schema;
    }

    /** The relationships machinery of this mapper. */
    public Relations relations() {
        return relations;
    }

    /** The write path. */
    public Writes writes() {
        return writes;
    }

    /** The mapping of entity classes. */
    public MappingContext mapping() {
        return mapping;
    }

    /** The relationship-aware save. */
    public GraphSave graphSave() {
        return graphSave;
    }

    /** CRUD and query support for an entity type, registering it on first use. */
    public EntityOperations<Object> operations(Class<?> entityType) {
        EntityOperations<Object> ops = operations.get(entityType);
        if (ops == null) {
            EntityMetadata m = register(entityType);
            ops = new EntityOperations<>(m, graph, writes, batchSize, labelIndex, relations);
            ops.graphSave(graphSave);
            ops.cachePolicy(cache);
            EntityOperations<Object> raced = operations.putIfAbsent(entityType, ops);
            if (raced != null) {
                ops = raced;
            }
        }
        return ops;
    }

    private volatile LabelIndex labelIndex;
    private final Writes writes;

    /**
     * Builds the index polymorphic reads use, from the entity types declared on the builder;
     * called once, before any repository exists.
     */
    public void indexLabels(java.util.Collection<Class<?>> declared) {
        this.labelIndex = LabelIndex.of(declared, mapping);
    }

    public Values values() {
        return values;
    }

    public GraphAccess graph() {
        return graph;
    }

    MethodHandles.Lookup lookup() {
        return lookup;
    }

    /**
     * How rows of a user-written query become {@code element}s; projections relative to
     * {@code domain}. {@code genericElement} is the element's declared type ({@code List<Double>}
     * for a {@code List<List<Double>>} result), or null when only the class is known.
     */
    ResultMapper<?> mapperFor(Class<?> element, java.lang.reflect.Type genericElement, Class<?> domain) {
        ReturnType.ElementKind kind = ReturnType.kindOf(element, domain);
        if ((kind == ReturnType.ElementKind.INTERFACE_PROJECTION || kind == ReturnType.ElementKind.RECORD_PROJECTION)
                && domain != null) {
            return ResultMapper.projection(Projections.plan(element, mapping.entity(domain), lookup), values, element);
        }
        return ResultMapper.of(element, genericElement, this);
    }

    /**
     * Runs a user-written query and maps its rows to {@code type}. If {@code type} reads doubles,
     * the statement's final RETURN is rewritten so they come back bit-exactly.
     *
     * @throws MappingException if {@code type} reads doubles and the statement's shape cannot be
     *         rewritten (UNION, RETURN *, no named columns), naming the alternatives
     */
    public <T> List<T> query(GraphQuery query, Class<T> type) {
        return query(query, type, null);
    }

    /** As {@link #query(GraphQuery, Class)}; entities get the relationships of {@code plan} (null: eager defaults). */
    public <T> List<T> query(GraphQuery query, Class<T> type, FetchPlan plan) {
        return graph.run(queryStep(query, type, plan));
    }

    /** The step of {@link #query(GraphQuery, Class, FetchPlan)}, to run blocking or asynchronously. */
    public <T> Step<List<T>> queryStep(GraphQuery query, Class<T> type, FetchPlan plan) {
        @SuppressWarnings("unchecked")
        ResultMapper<T> mapper = (ResultMapper<T>) mapperFor(type, null, null);
        dev.falkor.orm.core.internal.query.ExactReturn.Rewrite rewrite = mapper.prepare(query.cypher(), "FalkorOrm.query");
        GraphQuery sent = rewrite.isUnchanged() ? query
                : new GraphQuery(query.graph(), rewrite.cypher(), query.parameters(), query.readOnly(), query.timeout(),
                        query.regions(), query.cacheTtl());
        return Step.then(sent, sent.readOnly(), r -> mapper.map(r, rewrite, plan));
    }

    /** Registers an entity type: validates its mapping and applies the schema mode. */
    public EntityMetadata register(Class<?> entityType) {
        EntityMetadata m = mapping.entity(entityType);
        schema.ensure(m);
        registered.add(entityType);
        return m;
    }

    public <R> R create(Class<R> repositoryInterface) {
        if (!repositoryInterface.isInterface() || !(Repository.class.isAssignableFrom(repositoryInterface)
                || AsyncRepository.class.isAssignableFrom(repositoryInterface))) {
            throw new MappingException(repositoryInterface.getName() + " must be an interface extending "
                    + Repository.class.getName() + " or " + AsyncRepository.class.getName());
        }
        if (Repository.class.isAssignableFrom(repositoryInterface)
                && AsyncRepository.class.isAssignableFrom(repositoryInterface)) {
            throw new MappingException(repositoryInterface.getName() + " extends both Repository and AsyncRepository;"
                    + " declare two interfaces");
        }
        Class<?> entityType = entityType(repositoryInterface);
        EntityOperations<Object> ops = operations(entityType);
        Map<Method, Invoker> invokers = new HashMap<>();
        for (Method m : repositoryInterface.getMethods()) {
            invokers.put(m, invoker(repositoryInterface, m, ops));
        }
        InvocationHandler handler = (proxy, method, args) -> {
            Invoker invoker = invokers.get(method);
            if (invoker != null) {
                Object[] a = args == null ? new Object[0] : args;
                if (observer == null) {
                    return invoker.invoke(proxy, a);
                }
                return observed(repositoryInterface, method, invoker, proxy, a);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return objectMethod(repositoryInterface, proxy, method, args);
        };
        return repositoryInterface.cast(Proxy.newProxyInstance(repositoryInterface.getClassLoader(),
                new Class<?>[] {repositoryInterface}, handler));
    }

    /** Runs a repository method under an invocation observation (its statements on this thread are its children). */
    @SuppressWarnings("try") // the scope is held for the call, never read
    private Object observed(Class<?> repository, Method method, Invoker invoker, Object proxy, Object[] args)
            throws Throwable {
        dev.falkor.orm.spi.observe.InvocationObservation o =
                dev.falkor.orm.core.internal.observe.Observing.invocation(observer, repository, method.getName());
        Object result;
        try (AutoCloseable scope = dev.falkor.orm.core.internal.observe.Observing.scope(o)) {
            result = invoker.invoke(proxy, args);
        } catch (Throwable t) {
            dev.falkor.orm.core.internal.observe.Observing.fail(o, t);
            throw t;
        }
        return dev.falkor.orm.core.internal.observe.Observing.finish(o, result);
    }

    @FunctionalInterface
    interface Invoker {
        Object invoke(Object proxy, Object[] args) throws Throwable;
    }

    private Invoker invoker(Class<?> repo, Method m, EntityOperations<Object> ops) {
        if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
            return null;
        }
        if (m.getDeclaringClass() == Repository.class) {
            CrudStep step = cachedFindById(m, ops, crud(m, ops));
            return (p, a) -> graph.run(step.step(a));
        }
        if (m.getDeclaringClass() == AsyncRepository.class) {
            CrudStep step = cachedFindById(m, ops, crud(m, ops));
            return (p, a) -> graph.runAsync(() -> step.step(a));
        }
        Class<?> domain = ops.metadata().type();
        if (m.isAnnotationPresent(Query.class)) {
            CustomQueryMethod q = new CustomQueryMethod(m, domain, this);
            return (p, a) -> q.invoke(a);
        }
        if (SearchMethod.isSearch(m)) {
            SearchMethod search = new SearchMethod(m, ops, domainModel, values);
            return (p, a) -> search.invoke(a);
        }
        DerivedQueryMethod q = new DerivedQueryMethod(m, domain, ops, domainModel, values, lookup);
        return (p, a) -> q.invoke(a);
    }

    /** A CRUD method's operation for its arguments, as a step: the same for the blocking and the async interface. */
    @FunctionalInterface
    interface CrudStep {
        Step<?> step(Object[] args);
    }

    /**
     * {@code findById} of an entity marked {@code @Cacheable}: served from the result cache,
     * depending on the entity's labels and those of the relationships it reads.
     */
    private CrudStep cachedFindById(Method m, EntityOperations<Object> ops, CrudStep step) {
        if (!m.getName().equals("findById")) {
            return step;
        }
        java.time.Duration ttl = cache.ttl(ops.metadata().type().getAnnotation(dev.falkor.orm.api.annotation.Cacheable.class),
                ops.metadata().type().getName());
        if (ttl == null) {
            return step;
        }
        boolean withPlan = m.getParameterCount() == 2;
        return a -> step.step(a).cached(ttl, dev.falkor.orm.core.internal.cache.CachePolicy.readRegions(ops.metadata(),
                ops.tree(withPlan ? (FetchPlan) a[1] : null)));
    }

    @SuppressWarnings("unchecked")
    private static CrudStep crud(Method m, EntityOperations<Object> ops) {
        return switch (m.getName()) {
            case "save" -> a -> ops.saveAllStep(List.of(a[0])).map(saved -> saved.get(0));
            case "saveAll" -> a -> ops.saveAllStep((Iterable<Object>) a[0]);
            case "findById" -> m.getParameterCount() == 1 ? a -> ops.findByIdStep(a[0], null)
                    : a -> ops.findByIdStep(a[0], (FetchPlan) a[1]);
            case "findAllById" -> m.getParameterCount() == 1 ? a -> ops.findAllByIdStep((Iterable<Object>) a[0], null)
                    : a -> ops.findAllByIdStep((Iterable<Object>) a[0], (FetchPlan) a[1]);
            case "findAll" -> switch (m.getParameterCount()) {
                case 0 -> a -> ops.findAllStep(null);
                case 1 -> m.getParameterTypes()[0] == Sort.class
                        ? a -> ops.selectStep(Condition.NONE, Map.of(), (Sort) a[0], null, null)
                        : m.getParameterTypes()[0] == FetchPlan.class
                        ? a -> ops.findAllStep((FetchPlan) a[0])
                        : a -> ops.pageStep(Condition.NONE, Map.of(), (Pageable) a[0]);
                default -> a -> ops.scrollStep(Condition.NONE, Map.of(), (ScrollPosition) a[0], (Integer) a[1],
                        (Sort) a[2]);
            };
            case "existsById" -> a -> ops.existsByIdStep(a[0]);
            case "count" -> a -> ops.countStep();
            case "deleteById" -> a -> ops.deleteByIdStep(a[0]);
            case "delete" -> a -> ops.deleteAllStep(List.of(a[0]));
            case "deleteAll" -> m.getParameterCount() == 0 ? a -> ops.deleteAllStep()
                    : a -> ops.deleteAllStep((Iterable<Object>) a[0]);
            default -> throw new IllegalStateException("Unknown repository method " + m);
        };
    }

    private static Object objectMethod(Class<?> repo, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "toString" -> repo.getSimpleName() + "(Falkor ORM repository)";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    static Class<?> entityType(Class<?> repositoryInterface) {
        Class<?> found = findEntityType(repositoryInterface);
        if (found == null) {
            throw new MappingException(repositoryInterface.getName() + " must extend Repository<Entity, Id> (or "
                    + "AsyncRepository<Entity, Id>) with concrete type arguments");
        }
        return found;
    }

    private static Class<?> findEntityType(Class<?> type) {
        for (Type t : type.getGenericInterfaces()) {
            if (t instanceof ParameterizedType pt && (pt.getRawType() == Repository.class
                    || pt.getRawType() == AsyncRepository.class)) {
                Type arg = pt.getActualTypeArguments()[0];
                return arg instanceof Class<?> c ? c : null;
            }
            Class<?> raw = t instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) t;
            Class<?> nested = findEntityType(raw);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }
}
