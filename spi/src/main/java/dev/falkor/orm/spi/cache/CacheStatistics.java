package dev.falkor.orm.spi.cache;

/**
 * What a result cache did.
 *
 * @param hits          gets answered from the cache
 * @param misses        gets that found nothing usable (absent, expired or stale)
 * @param stale         of the misses, entries found but refused because a region changed since
 *                      their stamp
 * @param puts          results stored
 * @param invalidations invalidate calls (writes)
 * @param size          entries held now, where the cache can tell (else -1)
 */
public record CacheStatistics(long hits, long misses, long stale, long puts, long invalidations, long size) {

    /** Hits over gets, 0 when nothing was asked. */
    public double hitRate() {
        long gets = hits + misses;
        return gets == 0 ? 0 : (double) hits / gets;
    }
}
