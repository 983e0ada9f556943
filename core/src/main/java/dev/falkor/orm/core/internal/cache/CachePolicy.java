package dev.falkor.orm.core.internal.cache;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.Cacheable;
import dev.falkor.orm.core.internal.mapping.EntityMetadata;
import dev.falkor.orm.core.internal.mapping.PersistentProperty;
import dev.falkor.orm.core.internal.relation.FetchTree;
import dev.falkor.orm.spi.batch.WriteBatch;
import dev.falkor.orm.spi.batch.WriteOperation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the mapper caches and which regions its statements depend on or change: the labels of
 * the entities a statement reads or writes and the types (and target labels) of the relationships
 * it follows.
 */
public final class CachePolicy {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CachePolicy.class);
    private static final java.util.concurrent.atomic.AtomicBoolean NO_MODULE_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final boolean enabled;
    private final Duration defaultTtl;
    private final boolean noModule;

    public CachePolicy(boolean enabled, Duration defaultTtl) {
        this(enabled, defaultTtl, false);
    }

    /**
     * @param noModule true if there is no cache because no cache module is on the path: the first
     *                 {@code @Cacheable} met says so, once per JVM (a mapper without one says nothing)
     */
    public CachePolicy(boolean enabled, Duration defaultTtl, boolean noModule) {
        this.enabled = enabled;
        this.defaultTtl = defaultTtl;
        this.noModule = noModule;
    }

    /** No cache. */
    public static CachePolicy none() {
        return new CachePolicy(false, Duration.ofMinutes(1));
    }

    /**
     * The time to live of results of {@code annotated} ({@code null}: not cached, also when no
     * cache is configured), checked once at bootstrap.
     *
     * @param where names the entity or method in the error of a malformed duration
     */
    public Duration ttl(Cacheable annotated, String where) {
        if (annotated == null) {
            return null;
        }
        if (!enabled) {
            if (noModule && NO_MODULE_LOGGED.compareAndSet(false, true)) {
                LOG.info("{} is @Cacheable, but no result cache module is present: its reads go to the server. "
                        + "Add dev.falkor.orm:falkor-orm-cache-caffeine or falkor-orm-cache-redis to cache results", where);
            }
            return null;
        }
        if (annotated.ttl().isEmpty()) {
            return defaultTtl;
        }
        try {
            Duration d = Duration.parse(annotated.ttl());
            if (d.isNegative() || d.isZero()) {
                throw new MappingException(where + ": @Cacheable(ttl = \"" + annotated.ttl() + "\") must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new MappingException(where + ": @Cacheable(ttl = \"" + annotated.ttl() + "\") is not an ISO-8601 "
                    + "duration such as \"PT30S\" or \"PT5M\"");
        }
    }

    /** {@code ttl} if a cache is configured, else null (nothing is cached). */
    public Duration ttlIfEnabled(Duration ttl) {
        return enabled ? ttl : null;
    }

    /** The regions a read of {@code entity} with the relationships of {@code tree} depends on. */
    public static Set<String> readRegions(EntityMetadata entity, FetchTree tree) {
        Set<String> out = new LinkedHashSet<>(entity.labels());
        addTree(out, tree);
        return out;
    }

    private static void addTree(Set<String> out, FetchTree tree) {
        if (tree == null) {
            return;
        }
        for (FetchTree.Branch b : tree.branches()) {
            PersistentProperty field = b.field();
            if (field.relationship() != null) {
                out.add(field.relationship().type());
                if (field.relationship().target() != null) {
                    out.addAll(field.relationship().target().labels());
                }
            }
            addTree(out, b.sub());
        }
    }

    /** The regions a batch write changes: every label of the nodes it writes, every relationship type. */
    public static Set<String> writeRegions(WriteBatch batch) {
        Set<String> out = new LinkedHashSet<>();
        for (WriteOperation op : batch.operations()) {
            if (op instanceof WriteOperation.Edges e) {
                out.add(e.edge().type());
                out.addAll(e.edge().from().labels());
                out.addAll(e.edge().to().labels());
            } else if (!(op instanceof WriteOperation.CheckVersions)) {
                out.addAll(op.node().labels());
            }
        }
        return out;
    }
}
