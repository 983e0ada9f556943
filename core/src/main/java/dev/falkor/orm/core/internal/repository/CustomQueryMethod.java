package dev.falkor.orm.core.internal.repository;

import dev.falkor.orm.core.internal.exec.Step;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.annotation.Param;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.core.internal.query.ExactReturn;
import dev.falkor.orm.spi.GraphQuery;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository method annotated with {@link Query}. Parameters are bound by name and checked
 * against the {@code $names} in the text at bootstrap; values never become part of the text.
 */
final class CustomQueryMethod {
    private static final Pattern PARAMETER = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Method method;
    private final Query query;
    private final List<String> names = new ArrayList<>();
    private final QueryArguments arguments;
    private final ReturnType returnType;
    private final ResultMapper<Object> mapper;
    private final RepositoryFactory factory;
    private final String countQuery;
    /** The declared regions ({@code @Query(regions = ...)}), or null: unknown. */
    private final java.util.Set<String> regions;
    /** How long results are cached ({@code @Cacheable}), or null. */
    private final java.time.Duration cacheTtl;
    /** The statement to send, rewritten once for exact doubles; and its paged form. */
    private final ExactReturn.Rewrite statement;
    private final ExactReturn.Rewrite pagedStatement;

    @SuppressWarnings("unchecked")
    CustomQueryMethod(Method method, Class<?> domain, RepositoryFactory factory) {
        this.method = method;
        this.factory = factory;
        this.query = method.getAnnotation(Query.class);
        this.arguments = new QueryArguments(method);
        this.returnType = ReturnType.of(method, domain);
        String where = QueryMethods.describe(method);
        // the labels and types it reads or changes, as declared; none declared: anything in the graph
        this.regions = query.regions().length == 0 ? null : java.util.Set.of(query.regions());
        this.cacheTtl = factory.cache().ttl(method.getAnnotation(dev.falkor.orm.api.annotation.Cacheable.class), where);
        if (cacheTtl != null && query.write()) {
            throw new MappingException(where + ": a @Query(write = true) method cannot be @Cacheable");
        }
        if (arguments.hasSort() || arguments.hasPosition()) {
            throw new MappingException(where + ": @Query methods take no Sort or ScrollPosition; write ORDER BY "
                    + "(and keyset conditions) in the query text");
        }
        Parameter[] params = method.getParameters();
        for (int i : arguments.valueIndexes()) {
            Param p = params[i].getAnnotation(Param.class);
            if (p != null) {
                names.add(p.value());
            } else if (params[i].isNamePresent()) {
                names.add(params[i].getName());
            } else {
                throw new MappingException(where + ": parameter " + (i + 1) + " has no name; annotate it with "
                        + "@Param(\"name\") or compile with -parameters");
            }
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PARAMETER.matcher(query.value());
        while (m.find()) {
            used.add(m.group(1));
        }
        if (arguments.hasPageable()) {
            used.remove("__skip");
            used.remove("__limit");
        }
        for (String u : used) {
            if (!names.contains(u)) {
                throw new MappingException(where + ": the query uses $" + u + " but no method parameter is bound to it; "
                        + "bound: " + names);
            }
        }
        for (String n : names) {
            if (!used.contains(n)) {
                throw new MappingException(where + ": parameter '" + n + "' is not used in the query");
            }
        }
        boolean paged = returnType.container() == ReturnType.Container.PAGE
                || returnType.container() == ReturnType.Container.SLICE;
        if (paged != arguments.hasPageable()) {
            throw new MappingException(where + ": a Pageable parameter goes with a Page or Slice result");
        }
        if (returnType.container() == ReturnType.Container.WINDOW) {
            throw new MappingException(where + ": Window results are for derived queries and findAll");
        }
        this.countQuery = query.countQuery().isEmpty() ? "CALL { " + query.value() + " } RETURN count(*)"
                : query.countQuery();
        this.mapper = returnType.container() == ReturnType.Container.VOID ? null
                : (ResultMapper<Object>) factory.mapperFor(returnType.element(), elementType(returnType), domain);
        this.statement = mapper == null ? ExactReturn.Rewrite.unchanged(query.value())
                : mapper.prepare(query.value(), where);
        this.pagedStatement = mapper == null || !arguments.hasPageable() ? null
                : mapper.prepare(query.value() + PAGING, where);
    }

    private static final String PAGING = " SKIP $__skip LIMIT $__limit";

    /** The declared element type: {@code List<Double>} for a {@code List<List<Double>>} result; null if not generic. */
    private static Type elementType(ReturnType returnType) {
        Type generic = returnType.generic();
        if (returnType.container() == ReturnType.Container.SINGLE) {
            return generic;
        }
        return generic instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : null;
    }

    Object invoke(Object[] args) {
        return returnType.async() ? factory.graph().runAsync(() -> step(args).cached(cacheTtl, regions))
                : factory.graph().run(step(args).cached(cacheTtl, regions));
    }

    /** The method's statement(s) for these arguments, as a step (run blocking or asynchronously). */
    Step<Object> step(Object[] args) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<Object> values = arguments.values(args);
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), factory.values().toParameter(values.get(i)));
        }
        ExactReturn.Rewrite sent = statement;
        Pageable pageable = arguments.pageable(args);
        Map<String, Object> all = params;
        if (pageable != null) {
            if (pageable.sort().isSorted()) {
                throw new IllegalArgumentException(QueryMethods.describe(method)
                        + ": a @Query cannot take its order from the Pageable; write ORDER BY in the query");
            }
            long size = returnType.container() == ReturnType.Container.SLICE ? pageable.size() + 1L : pageable.size();
            sent = pagedStatement;
            all = EntityOperations.withPaging(params, pageable.offset(), size);
        }
        GraphQuery q = new GraphQuery(factory.graph().graph(), sent.cypher(), all, !query.write(), null, regions, null);
        ExactReturn.Rewrite rewrite = sent;
        Map<String, Object> countParams = params;
        return Step.then(q, !query.write(), r -> {
            if (mapper == null) {
                return Step.done(null);
            }
            return mapper.map(r, rewrite, arguments.fetch(args)).flatMap(rows -> switch (returnType.container()) {
                case PAGE -> (QueryMethods.pageShowsTotal(rows.size(), pageable)
                        ? Step.done(pageable.offset() + rows.size())
                        : Step.run(factory.graph().readQuery(countQuery, countParams), true, EntityOperations::countOf))
                        .map(total -> (Object) QueryMethods.page(rows, pageable, total));
                case SLICE -> Step.done(QueryMethods.slice(rows, pageable));
                default -> Step.done(QueryMethods.wrap(returnType, rows, method));
            });
        });
    }
}
