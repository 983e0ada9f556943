package dev.falkor.orm.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code redis-server} executable and the {@code falkordb.so} module it loads.
 *
 * @param redisServer path of the {@code redis-server} executable
 * @param module      path of {@code falkordb.so}
 * @param origin      where they came from, for messages ("explicit paths", "cache", ...)
 */
public record ServerBinaries(Path redisServer, Path module, String origin) {
    public ServerBinaries {
        Objects.requireNonNull(redisServer, "redisServer");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(origin, "origin");
    }
}
