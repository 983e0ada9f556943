package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.core.internal.Types;
import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.query.CypherCondition;
import dev.falkor.orm.core.internal.query.Operator;
import dev.falkor.orm.core.internal.query.Part;
import dev.falkor.orm.core.internal.query.PartTree;
import dev.falkor.orm.core.internal.query.QueryKind;
import dev.falkor.orm.core.internal.query.SortKey;
import dev.falkor.orm.spi.QueryResult;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A repository method whose query comes from its name ({@code findByLastNameAndAgeGreaterThan}).
 * Parsed and checked when the repository is created; at call time only parameters change.
 */
final class DerivedQueryMethod {
    private final Method method;
    private final PartTree tree;
    private final EntityOperations<Object> ops;
    private final Values values;
    private final ReturnType returnType;
    private final QueryArguments arguments;
    private final Projections.Plan projection;
    private final Sort methodSort;
    /** How long results are cached ({@code @Cacheable}), or null. */
    private final java.time.Duration cacheTtl;
    /** Whether the conditions or the order walk through relationships (the cached regions are then unknown). */
    private final boolean walksRelationships;

    DerivedQueryMethod(Method method, Class<?> domain, EntityOperations<Object> ops, MappingDomainModel model,
                       Values values, java.lang.invoke.MethodHandles.Lookup lookup) {
        this.method = method;
        this.ops = ops;
        this.values = values;
        this.tree = PartTree.parse(method.getName(), domain, model);
        this.arguments = new QueryArguments(method);
        this.returnType = ReturnType.of(method, domain);
        String where = QueryMethods.describe(method);
        this.cacheTtl = ops.cachePolicy().ttl(method.getAnnotation(dev.falkor.orm.api.annotation.Cacheable.class), where);
        this.walksRelationships = tree.parts().stream().anyMatch(p -> p.isNested() || p.path().get(0).relationship())
                || tree.sort().stream().anyMatch(k -> k.path().size() > 1 || k.path().get(0).relationship());
        for (SortKey k : tree.sort()) {
            if (CypherCondition.sortProblem(k) != null) {
                throw new MappingException(where + ": " + CypherCondition.sortProblem(k));
            }
        }
        int expected = tree.argumentCount();
        if (arguments.valueIndexes().size() != expected) {
            throw new MappingException(where + ": the name needs " + expected + " argument(s) but the method takes "
                    + arguments.valueIndexes().size() + " (besides Pageable/Sort/ScrollPosition)");
        }
        checkArgumentTypes(where);
        List<Sort.Order> orders = new ArrayList<>();
        for (SortKey k : tree.sort()) {
            orders.add(new Sort.Order(k.leaf().javaName(),
                    k.direction() == SortKey.Direction.ASC ? Sort.Direction.ASC : Sort.Direction.DESC, false));
        }
        this.methodSort = Sort.by(orders.toArray(Sort.Order[]::new));
        QueryKind kind = tree.subject().kind();
        this.projection = returnType.kind() == ReturnType.ElementKind.INTERFACE_PROJECTION
                || returnType.kind() == ReturnType.ElementKind.RECORD_PROJECTION
                ? Projections.plan(returnType.element(), ops.metadata(), lookup) : null;
        if (projection != null) {
            projection.returnItems("n"); // fails now if a projected property is not mapped
        }
        checkReturnType(where, kind);
    }

    private void checkArgumentTypes(String where) {
        Class<?>[] types = method.getParameterTypes();
        for (Part p : tree.parts()) {
            for (int k = 0; k < p.argumentCount(); k++) {
                Class<?> given = Types.box(types[arguments.valueIndexes().get(p.argumentIndex() + k)]);
                Class<?> property = Types.box(p.leaf().javaType());
                boolean many = p.operator() == Operator.IN || p.operator() == Operator.NOT_IN;
                boolean ok;
                if (many) {
                    ok = Collection.class.isAssignableFrom(given) || given.isArray();
                } else if (p.leaf().collection()) {
                    ok = true; // element membership: element types are checked by the server
                } else if (p.operator() == Operator.LIKE || p.operator() == Operator.NOT_LIKE
                        || p.operator() == Operator.MATCHES || p.operator() == Operator.STARTING_WITH
                        || p.operator() == Operator.ENDING_WITH || p.operator() == Operator.CONTAINING
                        || p.operator() == Operator.NOT_CONTAINING) {
                    ok = CharSequence.class.isAssignableFrom(given);
                } else {
                    ok = property.isAssignableFrom(given)
                            || (Number.class.isAssignableFrom(property) && Number.class.isAssignableFrom(given));
                }
                if (!ok) {
                    throw new MappingException(where + ": argument " + (p.argumentIndex() + k + 1) + " is a "
                            + given.getSimpleName() + " but " + p.operator() + " on '" + p.dotPath() + "' ("
                            + p.leaf().javaType().getSimpleName() + ") needs "
                            + (many ? "a Collection or array" : p.leaf().javaType().getSimpleName()));
                }
            }
        }
    }

    private void checkReturnType(String where, QueryKind kind) {
        Class<?> e = returnType.element();
        switch (kind) {
            case COUNT -> {
                if (returnType.container() != ReturnType.Container.SINGLE || !(e == long.class || e == Long.class
                        || e == int.class || e == Integer.class)) {
                    throw new MappingException(where + ": count queries return long or int");
                }
            }
            case EXISTS -> {
                if (e != boolean.class && e != Boolean.class) {
                    throw new MappingException(where + ": exists queries return boolean");
                }
            }
            case DELETE -> {
                if (!(returnType.container() == ReturnType.Container.VOID || e == long.class || e == Long.class
                        || e == int.class || e == Integer.class)) {
                    throw new MappingException(where + ": delete queries return void, long or int (nodes deleted)");
                }
            }
            case FIND, STREAM -> {
                if (kind == QueryKind.STREAM && returnType.container() != ReturnType.Container.STREAM) {
                    throw new MappingException(where + ": stream…By methods return a Stream");
                }
                if (returnType.kind() == ReturnType.ElementKind.SCALAR || returnType.container() == ReturnType.Container.VOID) {
                    throw new MappingException(where + ": find methods return the entity or a projection, not "
                            + e.getName());
                }
                if (returnType.kind() == ReturnType.ElementKind.ENTITY && e != ops.metadata().type()
                        && !ops.metadata().type().isAssignableFrom(e)) {
                    throw new MappingException(where + ": returns " + e.getName() + " but the repository manages "
                            + ops.metadata().type().getName());
                }
                boolean paged = returnType.container() == ReturnType.Container.PAGE
                        || returnType.container() == ReturnType.Container.SLICE;
                if (paged && !arguments.hasPageable()) {
                    throw new MappingException(where + ": Page and Slice results need a Pageable parameter");
                }
                if (returnType.container() == ReturnType.Container.WINDOW) {
                    if (!tree.subject().isLimiting() || projection != null) {
                        throw new MappingException(where + ": Window results need First<N>/Top<N> for the window size "
                                + "and return the entity");
                    }
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    Object invoke(Object[] args) {
        return returnType.async() ? ops.graph().runAsync(() -> cachedStep(args)) : ops.graph().run(cachedStep(args));
    }

    /**
     * The step, its reads served from the result cache when the method is {@code @Cacheable}:
     * depending on the entity's labels and the relationships it fetches, or on anything in the
     * graph when its conditions walk through relationships.
     */
    private Step<Object> cachedStep(Object[] args) {
        Step<Object> step = step(args);
        if (cacheTtl == null) {
            return step;
        }
        java.util.Set<String> regions = walksRelationships ? null
                : dev.falkor.orm.core.internal.cache.CachePolicy.readRegions(ops.metadata(), ops.tree(arguments.fetch(args)));
        return step.cached(cacheTtl, regions);
    }

    /** The method's operation for these arguments, as a step (run blocking or asynchronously). */
    Step<Object> step(Object[] args) {
        List<Object> argumentValues = arguments.values(args);
        long key = CypherCondition.textKey(tree, argumentValues);
        CypherCondition template = key < 0 ? null : conditions.get(key);
        CypherCondition c;
        if (template == null) {
            c = CypherCondition.render(tree, "n", argumentValues, values::toParameter);
            if (key >= 0) {
                conditions.putIfAbsent(key, c);
            }
        } else {
            c = CypherCondition.bind(tree, "n", argumentValues, values::toParameter, template);
        }
        Map<String, Object> params = c.parameters();
        Condition where = new Condition(c.projection(), c.where());
        boolean distinct = tree.subject().distinct();
        return switch (tree.subject().kind()) {
            case COUNT -> ops.countStep(where, params, distinct).map(n ->
                    Types.box(returnType.element()) == Integer.class ? (Object) Math.toIntExact(n) : (Object) n);
            case EXISTS -> Step.run(ops.graph().readQuery(ops.matchWhere(where) + " RETURN 1 LIMIT 1", params), true,
                    r -> (Object) !r.isEmpty());
            case DELETE -> Step.run(ops.graph().writeQuery(ops.matchWhere(where) + " DELETE n", params)
                    .withRegions(java.util.Set.copyOf(ops.metadata().labels())), false, r -> {
                long n = r.statistics().nodesDeleted();
                return returnType.container() == ReturnType.Container.VOID ? null
                        : Types.box(returnType.element()) == Integer.class ? (Object) Math.toIntExact(n) : (Object) n;
            });
            case FIND, STREAM -> find(where, params, args);
        };
    }

    private Step<Object> find(Condition where, Map<String, Object> params, Object[] args) {
        Integer top = tree.subject().isLimiting() ? tree.subject().maxResults().getAsInt() : null;
        if (returnType.container() == ReturnType.Container.WINDOW) {
            Sort sort = methodSort.and(arguments.sort(args));
            return ops.scrollStep(where, params, arguments.position(args), top, sort, arguments.fetch(args))
                    .map(w -> (Object) w);
        }
        Pageable pageable = arguments.pageable(args);
        Sort dynamic = arguments.sort(args);
        boolean paged = pageable != null;
        boolean distinct = tree.subject().distinct();
        Long skip = paged ? pageable.offset() : null;
        Long limit;
        if (paged) {
            long size = returnType.container() == ReturnType.Container.SLICE ? pageable.size() + 1L : pageable.size();
            limit = top == null ? size : Math.min(size, top);
        } else if (returnType.container() == ReturnType.Container.SINGLE
                || returnType.container() == ReturnType.Container.OPTIONAL) {
            limit = top == null ? 2L : Math.min(top, 2L); // 2 detects a non-unique result
        } else {
            limit = top == null ? null : (long) top;
        }
        dev.falkor.orm.core.internal.relation.FetchTree tree = projection == null
                ? ops.tree(arguments.fetch(args)) : null;
        String cypher = tree != null && !tree.isEmpty()
                ? ops.fetchSelect(where, distinct, tree, ops.orderBy(methodSort.and(dynamic), paged),
                EntityOperations.paging(paged, limit != null))
                : statements.computeIfAbsent(new StatementKey(where, dynamic, paged, limit != null), k -> {
            if (statements.size() > MAX_CACHED_STATEMENTS) {
                statements.clear(); // a method called with ever new sorts: keep the cache bounded
            }
            String items = projection != null ? projection.returnItems("n") : ops.shape().returnItems("n");
            return ops.selectCypher(where, items, distinct, ops.orderBy(methodSort.and(dynamic), paged), paged,
                    limit != null);
        });
        Step<List<Object>> rows = Step.run(ops.graph().readQuery(cypher, EntityOperations.withPaging(params, skip, limit)),
                true, r -> read(r, tree));
        return switch (returnType.container()) {
            case PAGE -> rows.flatMap(list -> (QueryMethods.pageShowsTotal(list.size(), pageable)
                    ? Step.done(pageable.offset() + list.size())
                    : ops.countStep(where, params, distinct))
                    .map(total -> (Object) QueryMethods.page(list, pageable, top == null ? total : Math.min(total, top))));
            case SLICE -> rows.map(list -> QueryMethods.slice(list, pageable));
            default -> rows.map(list -> QueryMethods.wrap(returnType, list, method));
        };
    }

    /** What the statement text of a find depends on besides the method itself; values are parameters. */
    private record StatementKey(Condition where, Sort sort, boolean paged, boolean limited) {
    }

    private static final int MAX_CACHED_STATEMENTS = 256;
    /** The rendered condition text per {@link CypherCondition#textKey} (which Is/Not arguments are null). */
    private final java.util.Map<Long, CypherCondition> conditions = new java.util.concurrent.ConcurrentHashMap<>();
    /** Statement texts built once per shape of call (the rendered condition, the dynamic sort, paging). */
    private final java.util.Map<StatementKey, String> statements = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Object> read(QueryResult r, dev.falkor.orm.core.internal.relation.FetchTree tree) {
        if (projection == null) {
            return ops.readAll(r, tree);
        }
        List<Object> out = new ArrayList<>(r.rows().size());
        r.rows().forEach(row -> out.add(projection.fromColumns(r.columns(), row, values, true)));
        return out;
    }

    EntityMetadata entity() {
        return ops.metadata();
    }

}
