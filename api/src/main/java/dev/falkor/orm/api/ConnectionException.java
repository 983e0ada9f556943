package dev.falkor.orm.api;

/** The server could not be reached, or the connection broke during a call. */
public class ConnectionException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
