package dev.falkor.orm.api;

/**
 * The TLS handshake with the server failed, so no command was sent ({@link Outcome#NOT_SENT}).
 * {@link #reason()} says why; retrying does not help until the certificate or the trust settings
 * are fixed.
 */
public class TlsHandshakeException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /** Why the handshake failed. */
    public enum Reason {
        /** The server's certificate is not signed by a trusted authority (configure a trust store). */
        UNTRUSTED_CERTIFICATE,
        /** The certificate is trusted but does not name the host connected to (hostname verification). */
        HOST_NAME_MISMATCH,
        /** Anything else: no TLS on the server port, no common protocol or cipher suite, a closed connection. */
        OTHER
    }

    private final Reason reason;

    public TlsHandshakeException(String message, Reason reason, Throwable cause) {
        super(message, Outcome.NOT_SENT, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
