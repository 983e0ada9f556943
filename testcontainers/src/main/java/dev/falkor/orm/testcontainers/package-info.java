/**
 * FalkorDB in a container for tests: {@link dev.falkor.orm.testcontainers.FalkorDBContainer}
 * runs the official {@code falkordb/falkordb} image through Testcontainers, and
 * {@link dev.falkor.orm.testcontainers.ContainerLauncher}, the testkit's {@code testcontainers}
 * server launcher ({@code -Dfalkordb.server=testcontainers}), makes it the test run's shared
 * server. Needs a reachable container engine; the embedded server needs none. On the module path
 * this jar is the automatic module {@code dev.falkor.orm.testcontainers}.
 */
package dev.falkor.orm.testcontainers;
