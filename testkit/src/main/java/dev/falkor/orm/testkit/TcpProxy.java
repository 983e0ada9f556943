package dev.falkor.orm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A loopback proxy in front of a Redis port, for tests of what a transport does when the network
 * misbehaves or speaks TLS:
 * <ul>
 *   <li>{@link #tls} terminates TLS with a certificate from a PKCS12 key store and forwards the
 *       plain bytes, so TLS clients can be tested against a server built without TLS;</li>
 *   <li>{@link #plain} forwards bytes as they are;</li>
 *   <li>{@link #cutConnections()} resets every proxied connection, e.g. while a client waits for a
 *       reply; {@link #awaitBytesFromClients} tells when a request has been written.</li>
 * </ul>
 *
 * <pre>{@code
 * TestCertificates.Generated cert = TestCertificates.generate(dir, "server", "ip:127.0.0.1", "dns:localhost");
 * try (TcpProxy proxy = TcpProxy.tls(cert.keyStore(), cert.password(), "127.0.0.1", redisPort)) {
 *     TransportConfig config = TransportConfig.builder().host("127.0.0.1").port(proxy.port()).ssl(true)
 *             .trustStore(cert.trustStore(), cert.password()).build();
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private long bytesFromClients;
    private boolean uploadsStalled;
    private int handshakes;
    private int failedHandshakes;
    private volatile boolean closed;

    private TcpProxy(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Listens on a free port of {@code 127.0.0.1}, terminating TLS with the key and certificate of
     * a PKCS12 key store, and forwards to {@code targetHost:targetPort}.
     */
    public static TcpProxy tls(Path keyStore, char[] password, String targetHost, int targetPort) {
        try {
            KeyStore keys = KeyStore.getInstance(keyStore.toFile(), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            return new TcpProxy(server, targetHost, targetPort);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot start a TLS proxy with " + keyStore + ": " + e, e);
        }
    }

    /**
     * Listens on a free port of {@code 127.0.0.1} and forwards bytes unchanged. Its receive buffer
     * is small (64 KiB), so a client writing to a {@linkplain #stallUploads stalled} proxy blocks
     * after a few MiB.
     */
    public static TcpProxy plain(String targetHost, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReceiveBufferSize(64 * 1024); // inherited by accepted sockets; no autotuning
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
            return new TcpProxy(server, targetHost, targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a proxy: " + e, e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** TLS handshakes completed so far (0 for a plain proxy). */
    public int handshakes() {
        synchronized (lock) {
            return handshakes;
        }
    }

    /** TLS handshakes that failed so far, for example because the client refused the certificate. */
    public int failedHandshakes() {
        synchronized (lock) {
            return failedHandshakes;
        }
    }

    /** Bytes received from clients so far (counted as they arrive, then forwarded to the server). */
    public long bytesFromClients() {
        synchronized (lock) {
            return bytesFromClients;
        }
    }

    /**
     * Waits until at least {@code atLeast} bytes in all have arrived from clients: a client that
     * wrote them has finished writing.
     *
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    public void awaitBytesFromClients(long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (bytesFromClients < atLeast) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + bytesFromClients + " of " + atLeast + " bytes arrived within "
                            + timeout);
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * While stalled, the proxy stops reading from clients, like a server that no longer reads its
     * sockets: once the buffers are full, a client's write blocks.
     */
    public void stallUploads(boolean stalled) {
        synchronized (lock) {
            uploadsStalled = stalled;
            lock.notifyAll();
        }
    }

    /** Resets every proxied connection (RST, not an orderly close); the proxy keeps listening. */
    public void cutConnections() {
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closing anyway
            }
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            Thread t = new Thread(() -> serve(client), "tcp-proxy-conn-" + client.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client) {
        Socket backend = null;
        try {
            if (client instanceof SSLSocket ssl) {
                try {
                    ssl.startHandshake();
                } catch (IOException e) {
                    synchronized (lock) {
                        failedHandshakes++;
                    }
                    throw e;
                }
                synchronized (lock) {
                    handshakes++;
                }
            }
            backend = new Socket();
            open.add(backend);
            backend.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            Socket b = backend;
            Thread up = new Thread(() -> pump(client, b, true), "tcp-proxy-up-" + client.getPort());
            up.setDaemon(true);
            up.start();
            pump(backend, client, false);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(backend);
        }
    }

    /** Copies until either side ends, then closes both. */
    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (fromClient) {
                    // counted on arrival, before forwarding: once a client has its reply, the
                    // bytes of its request are already counted
                    synchronized (lock) {
                        bytesFromClients += n;
                        lock.notifyAll();
                        while (uploadsStalled && !closed && !from.isClosed()) {
                            lock.wait(100);
                        }
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        if (s == null) {
            return;
        }
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops listening and closes every proxied connection. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
