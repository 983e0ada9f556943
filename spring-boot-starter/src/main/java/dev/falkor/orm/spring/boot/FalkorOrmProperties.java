package dev.falkor.orm.spring.boot;

import dev.falkor.orm.core.SchemaMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The falkor.orm.* properties the auto-configuration builds its
 * {@link dev.falkor.orm.spi.TransportConfig} and {@link dev.falkor.orm.core.FalkorOrm} from.
 * Connection defaults are those of TransportConfig; mapper defaults those of
 * FalkorOrm.Builder.
 *
 * <pre>
 * falkor.orm.url=redis://localhost:6379
 * falkor.orm.graph=social
 * falkor.orm.transport=jedis
 * falkor.orm.schema-mode=validate
 * </pre>
 */
@ConfigurationProperties(prefix = "falkor.orm")
public class FalkorOrmProperties {

    /** Server URL, redis://[user:password@]host:port or rediss:// for TLS. */
    private String url = "redis://localhost:6379";

    /** User name; overrides one in the URL. */
    private String username;

    /** Password; overrides one in the URL. */
    private String password;

    /** The graph (Redis key) the mapper works on. Required. */
    private String graph;

    /**
     * Transport provider name (jedis or lettuce); by default the system property
     * falkor.orm.transport, else the only transport on the class path.
     */
    private String transport;

    /** Maximum pooled connections (Jedis). */
    private int poolSize = 16;

    /** Multiplexed connections (Lettuce). */
    private int connections = 1;

    /** Timeout for opening a connection. */
    private Duration connectTimeout = Duration.ofSeconds(2);

    /** How long to wait for a reply to a call that has no query timeout. */
    private Duration socketTimeout = Duration.ofSeconds(10);

    /** How long a call waits for a free pooled connection; by default connect + socket timeout. */
    private Duration poolWaitTimeout;

    /** Timeout sent with queries that carry none; by default the server's. */
    private Duration queryTimeout;

    /** How much longer than a query's timeout the client waits for its reply. */
    private Duration queryTimeoutGrace = Duration.ofSeconds(1);

    /** What the mapper does about indexes and constraints when an entity type is registered. */
    private SchemaMode schemaMode = SchemaMode.CREATE;

    /**
     * Result cache module (caffeine, redis or none); by default the system
     * property falkor.orm.cache, else the only cache module present, else none.
     */
    private String cache;

    /** How long cached results live unless @Cacheable(ttl = ...) says otherwise; library default 1 minute. */
    private Duration cacheTtl;

    /** Batch writer (unwind or plain); by default the only batch-writer module present. */
    private String batchWriter;

    /** Rows per statement in batch writes; library default 1,000. */
    private Integer batchSize;

    /**
     * Packages scanned for @Node classes, which are registered with the mapper at start (their
     * schema created or validated, and the types polymorphic reads choose from). Empty: entity types
     * are registered when the first repository for them is created.
     */
    private List<String> entityPackages = new ArrayList<>();

    /** Repeating statements whose connection failed. */
    private final Retry retry = new Retry();

    /** The embedded development server. */
    private final Embedded embedded = new Embedded();

    /** Repository scanning. */
    private final Repositories repositories = new Repositories();

    /** Micrometer metrics, with falkor-orm-micrometer on the class path and a MeterRegistry in the context. */
    private final Metrics metrics = new Metrics();

    /** Creates the properties with their defaults. */
    public FalkorOrmProperties() {
    }

    /** @return the server URL */
    public String getUrl() {
        return url;
    }

    /** @param url the server URL, redis:// or rediss:// */
    public void setUrl(String url) {
        this.url = url;
    }

    /** @return the user name, or null */
    public String getUsername() {
        return username;
    }

    /** @param username the user name; overrides one in the URL */
    public void setUsername(String username) {
        this.username = username;
    }

    /** @return the password, or null */
    public String getPassword() {
        return password;
    }

    /** @param password the password; overrides one in the URL */
    public void setPassword(String password) {
        this.password = password;
    }

    /** @return the graph name */
    public String getGraph() {
        return graph;
    }

    /** @param graph the graph name */
    public void setGraph(String graph) {
        this.graph = graph;
    }

    /** @return the transport provider name, or null to let the library choose */
    public String getTransport() {
        return transport;
    }

    /** @param transport the transport provider name (jedis, lettuce) */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    /** @return the maximum number of pooled connections */
    public int getPoolSize() {
        return poolSize;
    }

    /** @param poolSize the maximum number of pooled connections */
    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** @return the number of multiplexed connections */
    public int getConnections() {
        return connections;
    }

    /** @param connections the number of multiplexed connections (Lettuce) */
    public void setConnections(int connections) {
        this.connections = connections;
    }

    /** @return the connect timeout */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** @param connectTimeout the connect timeout */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** @return the socket timeout */
    public Duration getSocketTimeout() {
        return socketTimeout;
    }

    /** @param socketTimeout the socket timeout */
    public void setSocketTimeout(Duration socketTimeout) {
        this.socketTimeout = socketTimeout;
    }

    /** @return the pool wait timeout, or null for connect + socket timeout */
    public Duration getPoolWaitTimeout() {
        return poolWaitTimeout;
    }

    /** @param poolWaitTimeout the pool wait timeout */
    public void setPoolWaitTimeout(Duration poolWaitTimeout) {
        this.poolWaitTimeout = poolWaitTimeout;
    }

    /** @return the default query timeout, or null for the server's */
    public Duration getQueryTimeout() {
        return queryTimeout;
    }

    /** @param queryTimeout the timeout sent with queries that carry none */
    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    /** @return the query timeout grace */
    public Duration getQueryTimeoutGrace() {
        return queryTimeoutGrace;
    }

    /** @param queryTimeoutGrace how much longer than a query's timeout the client waits */
    public void setQueryTimeoutGrace(Duration queryTimeoutGrace) {
        this.queryTimeoutGrace = queryTimeoutGrace;
    }

    /** @return the schema mode */
    public SchemaMode getSchemaMode() {
        return schemaMode;
    }

    /** @param schemaMode the schema mode */
    public void setSchemaMode(SchemaMode schemaMode) {
        this.schemaMode = schemaMode;
    }

    /** @return the result cache module name, or null to let the library choose */
    public String getCache() {
        return cache;
    }

    /** @param cache the result cache module name (caffeine, redis, none) */
    public void setCache(String cache) {
        this.cache = cache;
    }

    /** @return the cache time to live, or null for the library default */
    public Duration getCacheTtl() {
        return cacheTtl;
    }

    /** @param cacheTtl the cache time to live */
    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    /** @return the batch writer name, or null to let the library choose */
    public String getBatchWriter() {
        return batchWriter;
    }

    /** @param batchWriter the batch writer name (unwind, plain) */
    public void setBatchWriter(String batchWriter) {
        this.batchWriter = batchWriter;
    }

    /** @return the batch size, or null for the library default */
    public Integer getBatchSize() {
        return batchSize;
    }

    /** @param batchSize rows per statement in batch writes */
    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    /** @return the packages scanned for @Node classes */
    public List<String> getEntityPackages() {
        return entityPackages;
    }

    /** @param entityPackages the packages scanned for @Node classes */
    public void setEntityPackages(List<String> entityPackages) {
        this.entityPackages = entityPackages;
    }

    /** @return the retry settings */
    public Retry getRetry() {
        return retry;
    }

    /** @return the embedded server settings */
    public Embedded getEmbedded() {
        return embedded;
    }

    /** @return the repository scanning settings */
    public Repositories getRepositories() {
        return repositories;
    }

    /** @return the metrics settings */
    public Metrics getMetrics() {
        return metrics;
    }

    /** falkor.orm.retry.*: the mapper's RetryPolicy. */
    public static class Retry {
        /** Attempts in all for a statement whose connection failed; 1 means no retries. */
        private int maxAttempts = 1;

        /** Wait between attempts, multiplied by the attempt number. */
        private Duration backoff = Duration.ofMillis(100);

        /** Creates the settings with their defaults. */
        public Retry() {
        }

        /** @return attempts in all */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /** @param maxAttempts attempts in all; 1 means no retries */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** @return the wait between attempts */
        public Duration getBackoff() {
            return backoff;
        }

        /** @param backoff the wait between attempts, multiplied by the attempt number */
        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }
    }

    /**
     * falkor.orm.embedded.*: a FalkorDB server started with the application context and
     * stopped with it (module falkor-orm-embedded); for development and tests. When enabled,
     * the mapper connects to it and falkor.orm.url is ignored.
     */
    public static class Embedded {
        /** Start an embedded server. */
        private boolean enabled;

        /** Its port; 0 chooses a free port. */
        private int port;

        /** Keep its data in this directory (snapshot on stop) instead of a throw-away one. */
        private Path dataDirectory;

        /** How long to wait for it to answer. */
        private Duration startupTimeout = Duration.ofSeconds(30);

        /** Creates the settings with their defaults. */
        public Embedded() {
        }

        /** @return whether to start an embedded server */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether to start an embedded server */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the port, 0 for a free one */
        public int getPort() {
            return port;
        }

        /** @param port the port, 0 for a free one */
        public void setPort(int port) {
            this.port = port;
        }

        /** @return the data directory, or null for a throw-away one */
        public Path getDataDirectory() {
            return dataDirectory;
        }

        /** @param dataDirectory the data directory */
        public void setDataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /** @return the startup timeout */
        public Duration getStartupTimeout() {
            return startupTimeout;
        }

        /** @param startupTimeout the startup timeout */
        public void setStartupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
        }
    }

    /** falkor.orm.repositories.*: the repositories registered without {@link EnableFalkorRepositories}. */
    public static class Repositories {
        /** Register the repository interfaces found in the application's packages as beans. */
        private boolean enabled = true;

        /** Creates the settings with their defaults. */
        public Repositories() {
        }

        /** @return whether repositories are scanned for */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether repositories are scanned for */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** falkor.orm.metrics.*: the mapper's Micrometer meters (see FalkorOrmMetricsAutoConfiguration). */
    public static class Metrics {
        /** Give the mapper a FalkorMetrics observer when the context has a MeterRegistry. */
        private boolean enabled = true;

        /** Creates the settings with their defaults. */
        public Metrics() {
        }

        /** @return whether the mapper reports to the context's MeterRegistry */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the mapper reports to the context's MeterRegistry */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
