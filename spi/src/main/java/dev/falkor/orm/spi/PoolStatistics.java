package dev.falkor.orm.spi;

/**
 * A snapshot of a transport's connection pool, for gauges.
 *
 * @param active connections lent out now
 * @param idle connections open and free
 * @param waiting callers waiting for a connection
 * @param max the most connections the pool opens
 */
public record PoolStatistics(int active, int idle, int waiting, int max) {
}
