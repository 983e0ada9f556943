package dev.falkor.orm.spi.wire;

/**
 * Thrown by a transport's I/O layer when the server answers with an error reply. The
 * shared {@link WireTransport} turns it into a typed {@code QueryException}.
 */
public final class ServerErrorReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerErrorReply(String message, Throwable cause) {
        super(message, cause);
    }
}
