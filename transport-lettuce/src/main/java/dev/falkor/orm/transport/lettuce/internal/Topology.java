package dev.falkor.orm.transport.lettuce.internal;

import dev.falkor.orm.spi.TransportConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The servers a transport talks to and the connection that reaches them; opened lazily and
 * replaced after a failure.
 */
abstract class Topology {

    static Topology of(TransportConfig config, ClientResources resources, ClientOptions options) {
        return new Standalone(config, resources, options);
    }

    /** The connection to send on (opening it if there is none, or it failed or closed). */
    abstract CompletableFuture<StatefulConnection<byte[], byte[]>> connection(boolean readOnly);

    /** Closes a connection found unusable; the next call opens another. */
    abstract void discard(StatefulConnection<byte[], byte[]> connection);

    /** The graphs of the topology; {@code one} lists those of the server a command is sent to. */
    List<String> listGraphs(Supplier<List<String>> one) {
        return one.get();
    }

    /** The Lettuce client, for {@code unwrap}. */
    abstract Object client();

    abstract void close();

    /** The URI of one server with the configuration's credentials, TLS and handshake timeout. */
    static RedisURI uri(TransportConfig config, String host, int port) {
        RedisURI.Builder b = RedisURI.builder().withHost(host).withPort(port)
                .withSsl(config.ssl())
                .withVerifyPeer(config.verifyHostname() ? SslVerifyMode.FULL : SslVerifyMode.CA)
                .withTimeout(config.socketTimeout());
        if (config.password() != null) {
            if (config.username() != null) {
                b.withAuthentication(config.username(), config.password());
            } else {
                b.withPassword(config.password().toCharArray());
            }
        }
        return b.build();
    }

    /** One server, one multiplexed connection. */
    static final class Standalone extends Topology {
        private final RedisClient client;
        private final RedisURI uri;
        private CompletableFuture<StatefulConnection<byte[], byte[]>> current; // guarded by this
        private boolean closed; // guarded by this

        Standalone(TransportConfig config, ClientResources resources, ClientOptions options) {
            this.uri = uri(config, config.host(), config.port());
            this.client = RedisClient.create(resources, uri);
            client.setOptions(options);
        }

        @Override
        synchronized CompletableFuture<StatefulConnection<byte[], byte[]>> connection(boolean readOnly) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            CompletableFuture<StatefulConnection<byte[], byte[]>> c = current;
            if (c != null && (!c.isDone() || (!c.isCompletedExceptionally() && c.join().isOpen()))) {
                return c;
            }
            if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
                c.join().closeAsync();
            }
            current = c = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture()
                    .thenApply(connection -> (StatefulConnection<byte[], byte[]>) connection);
            return c;
        }

        @Override
        synchronized void discard(StatefulConnection<byte[], byte[]> connection) {
            if (connection == null) {
                return;
            }
            connection.closeAsync();
            CompletableFuture<StatefulConnection<byte[], byte[]>> c = current;
            if (c != null && c.isDone() && !c.isCompletedExceptionally() && c.join() == connection) {
                current = null;
            }
        }

        @Override
        Object client() {
            return client;
        }

        @Override
        void close() {
            CompletableFuture<StatefulConnection<byte[], byte[]>> c;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                c = current;
                current = null;
            }
            if (c != null) {
                // a connect still under way is closed when it completes
                c.whenComplete((connection, e) -> {
                    if (connection != null) {
                        connection.close();
                    }
                });
            }
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
