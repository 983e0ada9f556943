package dev.falkor.orm.spi.cache;

import dev.falkor.orm.spi.QueryResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The semantics of a {@link ResultCache} written once: stamps, validity checks, statistics. A
 * provider supplies where entries and region versions live ({@link #versions}, {@link #bump},
 * {@link #load}, {@link #store}, {@link #remove}).
 *
 * <p>Two reserved regions of every graph: {@value #EPOCH}, which every stamp includes and a write
 * of unknown regions bumps (it may have changed anything), and {@value #ANY}, which every write
 * bumps and a stamp of unknown regions (a read that may depend on anything) includes.
 *
 * <p>An entry is returned only if its time is not up by {@link ResultCacheConfig#clock()} and
 * every region it depends on still has the version it had when its statement was about to be
 * sent. Writes bump versions after they were applied and before they are acknowledged, so a
 * result read before a write (and possibly stored after it) is refused after that write.
 */
public abstract class VersionedResultCache implements ResultCache {
    /** Bumped by a write whose regions are unknown; part of every stamp. */
    public static final String EPOCH = "(epoch)";
    /** Bumped by every write; part of the stamp of a read whose regions are unknown. */
    public static final String ANY = "(any)";

    private final Clock clock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder invalidations = new LongAdder();

    protected VersionedResultCache(Clock clock) {
        this.clock = clock;
    }

    /** A stored result with the stamp it was read under and when it expires (epoch millis). */
    public record Entry(String key, QueryResult result, Stamp stamp, long expiresAtMillis) {
    }

    /** The current versions of {@code regions} of {@code graph}, in order; 0 for a region never bumped. */
    protected abstract long[] versions(String graph, List<String> regions);

    /** Increments the versions of {@code regions} of {@code graph}. */
    protected abstract void bump(String graph, List<String> regions);

    /** The entry stored under {@code key}, or null. */
    protected abstract Entry load(String graph, String key);

    /** Stores an entry; {@code ttl} lets the store drop it by itself (it is checked on load anyway). */
    protected abstract void store(String graph, String key, Entry entry, Duration ttl);

    /** Drops the entry under {@code key}, if any. */
    protected abstract void remove(String graph, String key);

    /** An entry with the current versions of the regions it depends on. */
    public record Found(Entry entry, long[] currentVersions) {
    }

    /**
     * The entry under {@code key} and the current versions of its regions, or null. By default
     * {@link #load} then {@link #versions}; a remote store overrides it to read both in one round
     * trip. Reading the versions after the entry is what makes a hit safe: if they still match the
     * stamp, no write completed between the entry's read and now.
     */
    protected Found find(String graph, String key) {
        Entry e = load(graph, key);
        return e == null ? null : new Found(e, versions(graph, e.stamp().regions()));
    }

    /** Entries held now, or -1 if the store cannot tell cheaply. */
    protected long size() {
        return -1;
    }

    @Override
    public final Stamp stamp(String graph, Set<String> regions) {
        List<String> names = new ArrayList<>();
        names.add(EPOCH);
        if (regions == null) {
            names.add(ANY);
        } else {
            names.addAll(new TreeSet<>(regions)); // a stable order: the same regions, the same stamp
        }
        return new Stamp(graph, List.copyOf(names), versions(graph, names));
    }

    @Override
    public final QueryResult get(String graph, String key) {
        Found found = find(graph, key);
        if (found == null || !found.entry().key().equals(key)) {
            misses.increment();
            return null;
        }
        Entry e = found.entry();
        if (clock.millis() >= e.expiresAtMillis()) {
            remove(graph, key);
            misses.increment();
            return null;
        }
        if (!Arrays.equals(found.currentVersions(), e.stamp().versions())) {
            remove(graph, key);
            stale.increment();
            misses.increment();
            return null;
        }
        hits.increment();
        return e.result();
    }

    @Override
    public final void put(String graph, String key, QueryResult result, Stamp stamp, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        store(graph, key, new Entry(key, result, stamp, clock.millis() + ttl.toMillis()), ttl);
        puts.increment();
    }

    @Override
    public final void invalidate(String graph, Set<String> regions) {
        List<String> names = new ArrayList<>();
        names.add(ANY);
        if (regions == null) {
            names.add(EPOCH);
        } else {
            names.addAll(new TreeSet<>(regions));
        }
        bump(graph, names);
        invalidations.increment();
    }

    @Override
    public final CacheStatistics statistics() {
        return new CacheStatistics(hits.sum(), misses.sum(), stale.sum(), puts.sum(), invalidations.sum(), size());
    }

    /** The clock entries expire by. */
    protected final Clock clock() {
        return clock;
    }
}
