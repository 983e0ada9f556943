package dev.falkor.orm.spi;

import dev.falkor.orm.api.ConfigurationException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings every transport understands. Immutable; build with {@link #builder()}
 * or {@link #fromUrl(String)}.
 *
 * <p>Defaults: {@code localhost:6379}, no authentication, no TLS, connect timeout 2 s,
 * socket timeout 10 s, pool of 16 connections, server-default query timeout.
 */
public final class TransportConfig {
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final boolean ssl;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final int poolSize;
    private final Duration defaultQueryTimeout;

    private TransportConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.ssl = b.ssl;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.poolSize = b.poolSize;
        this.defaultQueryTimeout = b.defaultQueryTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings from a {@code redis://[user[:password]@]host[:port]} or {@code rediss://}
     * (TLS) URL; everything else keeps its default.
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
    public Duration connectTimeout() { return connectTimeout; }
    public Duration socketTimeout() { return socketTimeout; }
    public int poolSize() { return poolSize; }
    /** Timeout applied to queries that carry none, or {@code null} for the server's default. */
    public Duration defaultQueryTimeout() { return defaultQueryTimeout; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.username = username;
        b.password = password;
        b.ssl = ssl;
        b.connectTimeout = connectTimeout;
        b.socketTimeout = socketTimeout;
        b.poolSize = poolSize;
        b.defaultQueryTimeout = defaultQueryTimeout;
        return b;
    }

    @Override
    public String toString() {
        return (ssl ? "rediss://" : "redis://") + (username != null ? username + "@" : "")
                + host + ":" + port;
    }

    /** Builder; each setter validates its argument and names it in the error. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 6379;
        private String username;
        private String password;
        private boolean ssl;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration socketTimeout = Duration.ofSeconds(10);
        private int poolSize = 16;
        private Duration defaultQueryTimeout;

        private Builder() {
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

        /** Reads scheme, credentials, host and port from a {@code redis://} or {@code rediss://} URL. */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            URI uri;
            try {
                uri = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Not a valid URL: '" + url + "'", e);
            }
            String scheme = uri.getScheme();
            if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
                throw new ConfigurationException("URL must start with redis:// or rediss://, was '"
                        + url.replaceAll("//[^@/]*@", "//***@") + "'");
            }
            if (uri.getHost() == null) {
                throw new ConfigurationException("URL has no host: '" + url.replaceAll("//[^@/]*@", "//***@") + "'");
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
                    password = decode(userInfo);
                } else {
                    String user = decode(userInfo.substring(0, colon));
                    username = user.isEmpty() ? null : user;
                    password = decode(userInfo.substring(colon + 1));
                }
            }
            return this;
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

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

        /** Timeout for queries that carry none; {@code null} leaves it to the server. */
        public Builder defaultQueryTimeout(Duration timeout) {
            this.defaultQueryTimeout = timeout == null ? null : positive("defaultQueryTimeout", timeout);
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ConfigurationException(name + " must be a positive duration, was " + d);
            }
            return d;
        }
    }
}
