package dev.falkor.orm.spi;

import dev.falkor.orm.api.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Connection settings every transport understands. Immutable; build with {@link #builder()}
 * or {@link #fromUrl(String)}.
 *
 * <p>Defaults: {@code localhost:6379}, no authentication, no TLS, connect timeout 2 s,
 * socket timeout 10 s, pool of 16 connections (a call waits at most connect timeout + socket
 * timeout for a free one), server-default query timeout, query-timeout grace 1 s.
 *
 * <h2>Timeouts</h2>
 * <ul>
 *   <li>{@link Builder#connectTimeout connectTimeout}: opening a TCP connection.</li>
 *   <li>{@link Builder#socketTimeout socketTimeout}: how long the client waits for a reply to a
 *       call that has no query timeout (and for the connection handshake).</li>
 *   <li>{@link Builder#defaultQueryTimeout defaultQueryTimeout} or a query's own timeout: sent to
 *       the server, which aborts a read query that runs longer
 *       ({@link dev.falkor.orm.api.QueryTimeoutException}). The client also stops waiting after
 *       the timeout plus {@link Builder#queryTimeoutGrace queryTimeoutGrace}, even when that is
 *       longer than the socket timeout, and raises
 *       {@link dev.falkor.orm.api.ResponseTimeoutException} (outcome unknown). FalkorDB does not
 *       abort <em>write</em> queries at their timeout, so a write that runs past that deadline
 *       may still be applied.</li>
 *   <li>{@link Builder#poolWaitTimeout poolWaitTimeout}: how long a call waits for a free pooled
 *       connection ({@link dev.falkor.orm.api.PoolExhaustedException}).</li>
 * </ul>
 *
 * <h2>TLS</h2>
 * A {@code rediss://} URL or {@link Builder#ssl(boolean) ssl(true)} turns TLS on. The server's
 * certificate is checked against the JDK's default trust store unless {@link Builder#trustStore},
 * {@link Builder#trustedCertificates} or {@link Builder#sslContext} says otherwise, and the host
 * name is verified against the certificate unless {@link Builder#verifyHostname(boolean)
 * verifyHostname(false)}.
 *
 * <h2>Scale-out</h2>
 * By default the transport talks to one server. It can instead use Redis' own scale-out:
 * <ul>
 *   <li>{@link Builder#replicas replicas(...)}: the server of {@code host:port} is the primary,
 *       these are its replicas ({@code replicaof}); {@link Builder#readFrom readFrom} sends reads
 *       to them.</li>
 *   <li>{@link Builder#sentinel sentinel(master, ...)}: the Sentinels name the primary (and its
 *       replicas); the transport follows a failover.</li>
 *   <li>{@link Builder#cluster cluster(...)}: a Redis Cluster of FalkorDB shards, found from these
 *       seed nodes. Each graph is one key, so it lives on the shard owning its slot, and every
 *       command for a graph is routed there.</li>
 * </ul>
 * Writes always go to a primary. A read routed to a replica ({@code GRAPH.RO_QUERY}, the only
 * query a replica accepts) sees the primary as of the last replication: replication is
 * asynchronous, so a read right after a write may not see it. {@link Builder#readYourWrites}
 * makes every write wait (Redis' {@code WAIT}) until the replicas have it.
 */
public final class TransportConfig {
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final boolean ssl;
    private final SSLContext sslContext;
    private final TrustManagerFactory trustManagers;
    private final boolean verifyHostname;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final int poolSize;
    private final Duration poolWaitTimeout;
    private final Duration defaultQueryTimeout;
    private final Duration queryTimeoutGrace;
    private final Mode mode;
    private final java.util.List<Address> nodes;
    private final String sentinelMaster;
    private final ReadFrom readFrom;
    private final Duration readYourWrites;
    private final int connections;

    /** How the servers are arranged. */
    public enum Mode {
        /** One server ({@code host:port}). */
        STANDALONE,
        /** A primary ({@code host:port}) and its replicas ({@link #nodes()}). */
        REPLICATED,
        /** Primary and replicas discovered from Sentinels ({@link #nodes()}). */
        SENTINEL,
        /** A Redis Cluster, discovered from seed nodes ({@link #nodes()}). */
        CLUSTER
    }

    /** Where read-only queries go; writes always go to the primary. */
    public enum ReadFrom {
        /** Every query to the primary (the default): reads see every acknowledged write. */
        PRIMARY,
        /** The primary, or a replica when the primary cannot be reached. */
        PRIMARY_PREFERRED,
        /** Replicas only; a read fails when none can be reached. */
        REPLICA,
        /** A replica, or the primary when none can be reached. */
        REPLICA_PREFERRED,
        /** Any node, primary or replica. */
        ANY
    }

    /** A server address. */
    public record Address(String host, int port) {
        public Address {
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("port must be 1..65535, was " + port + " for host " + host);
            }
        }

        /** Parses {@code host:port} (IPv6 hosts in brackets: {@code [::1]:6379}). */
        public static Address parse(String hostAndPort) {
            Objects.requireNonNull(hostAndPort, "address");
            String s = hostAndPort.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new ConfigurationException("Not a host:port address: '" + hostAndPort + "'");
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new Address(host, Integer.parseInt(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("Not a host:port address: '" + hostAndPort + "'");
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private TransportConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.ssl = b.ssl;
        this.sslContext = b.sslContext;
        this.trustManagers = b.trustManagers;
        this.verifyHostname = b.verifyHostname;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.poolSize = b.poolSize;
        this.poolWaitTimeout = b.poolWaitTimeout;
        this.defaultQueryTimeout = b.defaultQueryTimeout;
        this.queryTimeoutGrace = b.queryTimeoutGrace;
        this.mode = b.mode;
        this.nodes = java.util.List.copyOf(b.nodes);
        this.sentinelMaster = b.sentinelMaster;
        this.readFrom = b.readFrom;
        this.readYourWrites = b.readYourWrites;
        this.connections = b.connections;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings from a {@code redis://[user[:password]@]host[:port]} or {@code rediss://}
     * (TLS) URL; everything else keeps its default. User name and password are percent-decoded.
     *
     * @throws ConfigurationException if the URL is malformed; the message never shows the
     *                                credentials
     */
    public static TransportConfig fromUrl(String url) {
        return builder().url(url).build();
    }

    public String host() { return host; }
    public int port() { return port; }
    /** ACL user name, or {@code null}. */
    public String username() { return username; }
    /** Password, or {@code null}. Never logged. */
    public String password() { return password; }
    public boolean ssl() { return ssl; }

    /**
     * The TLS context built from {@link Builder#trustStore}, {@link Builder#trustedCertificates}
     * or given with {@link Builder#sslContext}; {@code null} for the JDK default.
     */
    public SSLContext sslContext() { return sslContext; }

    /**
     * The trust managers {@link #sslContext()} was built from by {@link Builder#trustStore} or
     * {@link Builder#trustedCertificates}; {@code null} for the JDK default or a context given with
     * {@link Builder#sslContext}. For clients that build their own TLS context from trust
     * managers (Lettuce's Netty).
     */
    public TrustManagerFactory trustManagerFactory() { return trustManagers; }

    /** Whether TLS connections check that the server's certificate names the host (default true). */
    public boolean verifyHostname() { return verifyHostname; }
    public Duration connectTimeout() { return connectTimeout; }
    /** How long to wait for a reply when the call has no query timeout. */
    public Duration socketTimeout() { return socketTimeout; }
    public int poolSize() { return poolSize; }

    /** How long a call waits for a free pooled connection; default connect + socket timeout. */
    public Duration poolWaitTimeout() {
        return poolWaitTimeout != null ? poolWaitTimeout : connectTimeout.plus(socketTimeout);
    }

    /** Timeout applied to queries that carry none, or {@code null} for the server's default. */
    public Duration defaultQueryTimeout() { return defaultQueryTimeout; }

    /**
     * How much longer than a query's timeout the client waits for the reply before it gives up
     * (default 1 s).
     */
    public Duration queryTimeoutGrace() { return queryTimeoutGrace; }

    /**
     * How long the client waits for the reply to a query with the given timeout:
     * {@code timeout + queryTimeoutGrace}, or the socket timeout when {@code timeout} is
     * {@code null}.
     */
    public Duration replyTimeout(Duration queryTimeout) {
        return queryTimeout == null ? socketTimeout : queryTimeout.plus(queryTimeoutGrace);
    }

    /** How the servers are arranged (default {@link Mode#STANDALONE}). */
    public Mode mode() { return mode; }

    /**
     * The replicas ({@link Mode#REPLICATED}), Sentinels ({@link Mode#SENTINEL}) or cluster seed
     * nodes ({@link Mode#CLUSTER}); empty for {@link Mode#STANDALONE}.
     */
    public java.util.List<Address> nodes() { return nodes; }

    /** The master name the Sentinels monitor, or {@code null}. */
    public String sentinelMaster() { return sentinelMaster; }

    /** Where read-only queries go (default {@link ReadFrom#PRIMARY}). */
    public ReadFrom readFrom() { return readFrom; }

    /**
     * How long a write waits for its replicas ({@code WAIT}) before it is acknowledged, so reads
     * from replicas see it; {@code null} (the default) for no wait.
     */
    public Duration readYourWrites() { return readYourWrites; }

    /**
     * How many multiplexed connections a multiplexing transport (Lettuce) spreads its calls over
     * (default 1); a pooling transport (Jedis) uses {@link #poolSize()} instead.
     */
    public int connections() { return connections; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.username = username;
        b.password = password;
        b.ssl = ssl;
        b.sslContext = sslContext;
        b.trustManagers = trustManagers;
        b.verifyHostname = verifyHostname;
        b.connectTimeout = connectTimeout;
        b.socketTimeout = socketTimeout;
        b.poolSize = poolSize;
        b.poolWaitTimeout = poolWaitTimeout;
        b.defaultQueryTimeout = defaultQueryTimeout;
        b.queryTimeoutGrace = queryTimeoutGrace;
        b.mode = mode;
        b.nodes = new java.util.ArrayList<>(nodes);
        b.sentinelMaster = sentinelMaster;
        b.readFrom = readFrom;
        b.readYourWrites = readYourWrites;
        b.connections = connections;
        return b;
    }

    /**
     * {@code redis[s]://[user@]host:port}, with the replicas, Sentinels or cluster nodes where
     * configured; never the password.
     */
    @Override
    public String toString() {
        String base = (ssl ? "rediss://" : "redis://") + (username != null ? username + "@" : "");
        return switch (mode) {
            case STANDALONE -> base + host + ":" + port;
            case REPLICATED -> base + host + ":" + port + " (replicas " + nodes + ")";
            case SENTINEL -> base + "sentinel " + nodes + " master '" + sentinelMaster + "'";
            case CLUSTER -> base + "cluster " + nodes;
        };
    }

    /**
     * A URL fit for messages: everything between {@code //} and the last {@code @} (user name
     * and password) is replaced by {@code ***}.
     */
    static String redact(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int slashes = url.indexOf("//");
        int start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
        return url.substring(0, start) + "***" + url.substring(at);
    }

    /** Builder; each setter validates its argument and names it in the error. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 6379;
        private String username;
        private String password;
        private boolean ssl;
        private SSLContext sslContext;
        private TrustManagerFactory trustManagers;
        private boolean verifyHostname = true;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration socketTimeout = Duration.ofSeconds(10);
        private int poolSize = 16;
        private Duration poolWaitTimeout;
        private Duration defaultQueryTimeout;
        private Duration queryTimeoutGrace = Duration.ofSeconds(1);
        private Mode mode = Mode.STANDALONE;
        private java.util.List<Address> nodes = new java.util.ArrayList<>();
        private String sentinelMaster;
        private ReadFrom readFrom = ReadFrom.PRIMARY;
        private Duration readYourWrites;
        private int connections = 1;

        private Builder() {
        }

        /**
         * How many multiplexed connections a multiplexing transport (Lettuce) opens and spreads its
         * calls over, round-robin (default 1). FalkorDB runs the queries of one connection one after
         * another (a client waits while its query runs on the module's threads), so one connection
         * never uses more than one of the server's query threads: for many concurrent calls, set
         * this to about the server's {@code THREAD_COUNT} (its cores). Ignored by Jedis, whose
         * {@link #poolSize pool} has a connection per concurrent call.
         */
        public Builder connections(int connections) {
            if (connections < 1) {
                throw new ConfigurationException("connections must be at least 1, was " + connections);
            }
            this.connections = connections;
            return this;
        }

        /**
         * The server of {@link #host}/{@link #port} is a primary with these replicas
         * ({@code host:port} each); combine with {@link #readFrom}. Replaces a Sentinel or cluster
         * setting.
         */
        public Builder replicas(String... hostAndPorts) {
            return nodes(Mode.REPLICATED, "replicas", hostAndPorts);
        }

        /**
         * Find the primary (and replicas) from these Sentinels ({@code host:port} each), which
         * monitor it under {@code masterName}; the transport follows a failover. The credentials
         * and TLS settings are those of the data nodes; the Sentinels are reached without them.
         */
        public Builder sentinel(String masterName, String... hostAndPorts) {
            if (masterName == null || masterName.isBlank()) {
                throw new ConfigurationException("sentinel: the master name must not be blank");
            }
            nodes(Mode.SENTINEL, "sentinel", hostAndPorts);
            this.sentinelMaster = masterName;
            return this;
        }

        /**
         * A Redis Cluster found from these seed nodes ({@code host:port} each; one is enough, more
         * survive one being down). {@link #host}/{@link #port} become the first seed.
         */
        public Builder cluster(String... hostAndPorts) {
            nodes(Mode.CLUSTER, "cluster", hostAndPorts);
            host(nodes.get(0).host());
            port(nodes.get(0).port());
            return this;
        }

        private Builder nodes(Mode newMode, String what, String... hostAndPorts) {
            if (hostAndPorts == null || hostAndPorts.length == 0) {
                throw new ConfigurationException(what + ": give at least one host:port");
            }
            java.util.List<Address> parsed = new java.util.ArrayList<>();
            for (String a : hostAndPorts) {
                parsed.add(Address.parse(a));
            }
            this.mode = newMode;
            this.nodes = parsed;
            this.sentinelMaster = null;
            return this;
        }

        /** Where read-only queries go (default {@link ReadFrom#PRIMARY}); needs replicas, Sentinel or a cluster. */
        public Builder readFrom(ReadFrom readFrom) {
            this.readFrom = Objects.requireNonNull(readFrom, "readFrom");
            return this;
        }

        /**
         * Every write waits until the replicas have it (Redis' {@code WAIT}, at most {@code timeout})
         * before it is acknowledged, so a read routed to a replica afterwards sees it. Costs a round
         * trip to the replicas per write; after the timeout the write stands and a later read may
         * still miss it, and with no replica reachable every write waits the whole timeout: keep it
         * short (it must be shorter than the socket timeout). {@code null} turns it off (the
         * default).
         */
        public Builder readYourWrites(Duration timeout) {
            this.readYourWrites = timeout == null ? null : positive("readYourWrites", timeout);
            return this;
        }

        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("port must be 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Reads scheme, credentials, host and port from a {@code redis://} or {@code rediss://} URL.
         * Error messages show the URL with its credentials replaced by {@code ***}.
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            String shown = redact(url.trim());
            URI uri;
            try {
                uri = new URI(url.trim());
            } catch (URISyntaxException e) {
                // e.getMessage() and e.getInput() contain the whole URL, password included: keep
                // only the reason, and no cause.
                throw new ConfigurationException("Not a valid URL: '" + shown + "' (" + e.getReason()
                        + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + ")");
            }
            String scheme = uri.getScheme();
            if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
                throw new ConfigurationException("URL must start with redis:// or rediss://, was '" + shown + "'");
            }
            if (uri.getHost() == null) {
                throw new ConfigurationException("URL has no host (or a malformed host or port): '" + shown + "'");
            }
            ssl = "rediss".equals(scheme);
            host(uri.getHost());
            if (uri.getPort() != -1) {
                port(uri.getPort());
            }
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                if (colon < 0) {
                    // redis://password@host is the Redis convention for a password-only URL.
                    password = decode(userInfo, "password", shown);
                } else {
                    String user = decode(userInfo.substring(0, colon), "user name", shown);
                    username = user.isEmpty() ? null : user;
                    password = decode(userInfo.substring(colon + 1), "password", shown);
                }
            }
            return this;
        }

        private static String decode(String s, String what, String shownUrl) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // the decoder's message quotes the input: do not chain it
                throw new ConfigurationException("The " + what + " in URL '" + shownUrl
                        + "' has a malformed %-escape; percent-encode '%' as %25");
            }
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Turns TLS on or off ({@code rediss://} turns it on). */
        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /**
         * Trusts the certificates in a key store file (PKCS12 or JKS, detected from the content)
         * instead of the JDK's default trust store. Needs TLS on. Replaces an earlier
         * {@link #trustedCertificates}/{@link #sslContext} setting.
         *
         * @param file     the trust store
         * @param password its password, or {@code null} for a store without one
         * @throws ConfigurationException if the file cannot be read or opened (the message names
         *                                the file, never the password)
         */
        public Builder trustStore(Path file, char[] password) {
            Objects.requireNonNull(file, "trustStore file");
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new ConfigurationException("trustStore: " + file + " is not a readable file");
            }
            KeyStore store;
            try {
                store = KeyStore.getInstance(file.toFile(), password);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigurationException("trustStore: cannot open " + file + " as a PKCS12 or JKS key store ("
                        + describe(e) + "); check the file and its password", e);
            }
            this.sslContext = trusting(store, "trustStore " + file);
            return this;
        }

        /**
         * Trusts the X.509 certificates (PEM or DER; a PEM file may hold several, e.g. a CA
         * bundle such as Redis' {@code tls-ca-cert-file}) instead of the JDK's default trust store.
         * Needs TLS on. Replaces an earlier {@link #trustStore}/{@link #sslContext} setting.
         *
         * @throws ConfigurationException if the file cannot be read or holds no certificate
         */
        public Builder trustedCertificates(Path file) {
            Objects.requireNonNull(file, "trustedCertificates file");
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(file)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigurationException("trustedCertificates: cannot read X.509 certificates from " + file
                        + " (" + describe(e) + ")", e);
            }
            if (certificates.isEmpty()) {
                throw new ConfigurationException("trustedCertificates: " + file + " holds no certificate");
            }
            try {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate c : certificates) {
                    store.setCertificateEntry("cert-" + i++, c);
                }
                this.sslContext = trusting(store, "trustedCertificates " + file);
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigurationException("trustedCertificates: cannot build a trust store from " + file
                        + " (" + describe(e) + ")", e);
            }
            return this;
        }

        /**
         * The TLS context to connect with (its trust managers check the server; its key managers,
         * if any, present a client certificate). Needs TLS on. Replaces an earlier
         * {@link #trustStore}/{@link #trustedCertificates} setting; {@code null} restores the JDK
         * default.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            this.trustManagers = null;
            return this;
        }

        /**
         * Whether TLS connections verify that the server's certificate names the host connected to
         * (default {@code true}). Turning it off accepts any trusted certificate for any host, which
         * lets a party holding another trusted certificate intercept the connection: only for
         * tests or hosts reached by an address the certificate cannot name.
         */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** How long to wait for a reply when the call has no query timeout (default 10 s). */
        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = positive("socketTimeout", timeout);
            return this;
        }

        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new ConfigurationException("poolSize must be at least 1, was " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /**
         * How long a call waits for a free pooled connection before it fails with
         * {@link dev.falkor.orm.api.PoolExhaustedException}; {@code null} (the default) means
         * connect timeout + socket timeout. A query's own deadline (timeout + grace) shortens it.
         */
        public Builder poolWaitTimeout(Duration timeout) {
            this.poolWaitTimeout = timeout == null ? null : positive("poolWaitTimeout", timeout);
            return this;
        }

        /** Timeout for queries that carry none; {@code null} leaves it to the server. */
        public Builder defaultQueryTimeout(Duration timeout) {
            this.defaultQueryTimeout = timeout == null ? null : positive("defaultQueryTimeout", timeout);
            return this;
        }

        /**
         * How much longer than a query's timeout the client waits for its reply (default 1 s): the
         * server needs a moment to notice the timeout and answer. Zero is allowed.
         */
        public Builder queryTimeoutGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new ConfigurationException("queryTimeoutGrace must be zero or positive, was " + grace);
            }
            this.queryTimeoutGrace = grace;
            return this;
        }

        /**
         * @throws ConfigurationException if a trust setting is given while TLS is off (the
         *                                connection would silently not be encrypted)
         */
        public TransportConfig build() {
            if (sslContext != null && !ssl) {
                throw new ConfigurationException("A trust store, trusted certificates or SSLContext is set but TLS "
                        + "is off: use a rediss:// URL or ssl(true)");
            }
            if (readFrom != ReadFrom.PRIMARY && mode == Mode.STANDALONE) {
                throw new ConfigurationException("readFrom(" + readFrom + ") needs replicas: configure replicas(...), "
                        + "sentinel(...) or cluster(...)");
            }
            if (readYourWrites != null && readYourWrites.compareTo(socketTimeout) >= 0) {
                throw new ConfigurationException("readYourWrites (" + readYourWrites.toMillis() + " ms) must be shorter "
                        + "than socketTimeout (" + socketTimeout.toMillis() + " ms): a write's reply includes the wait");
            }
            if (readYourWrites != null && mode == Mode.CLUSTER) {
                throw new ConfigurationException("readYourWrites is not supported on a cluster (WAIT would have to "
                        + "reach the shard of each write); read from the primaries instead");
            }
            return new TransportConfig(this);
        }

        private SSLContext trusting(KeyStore store, String what) {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                this.trustManagers = tmf;
                return context;
            } catch (GeneralSecurityException e) {
                throw new ConfigurationException(what + ": cannot create a TLS context (" + describe(e) + ")", e);
            }
        }

        private static String describe(Exception e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
                t = t.getCause();
            }
            return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ConfigurationException(name + " must be a positive duration, was " + d);
            }
            return d;
        }
    }
}
