/**
 * FalkorDB in a container for tests: {@link dev.falkor.orm.testcontainers.FalkorDBContainer}
 * runs the official {@code falkordb/falkordb} image through Testcontainers, and
 * {@link dev.falkor.orm.testcontainers.ContainerLauncher}, the testkit's {@code testcontainers}
 * server launcher ({@code -Dfalkordb.server=testcontainers}), makes it the test run's shared
 * server. Needs a reachable container engine; the embedded server needs none.
 */
package dev.falkor.orm.testcontainers;
