/**
 * Watching what the mapper does, for metrics and tracing: an {@link dev.falkor.orm.spi.observe.OrmObserver}
 * given to the mapper's builder hears of every statement sent to the server and every repository
 * method call, with its outcome. The {@code falkor-orm-micrometer} module implements it with
 * Micrometer; the mapper calls nothing when no observer is set.
 */
package dev.falkor.orm.spi.observe;
