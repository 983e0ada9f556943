package dev.falkor.orm.spi.wire;

import dev.falkor.orm.api.TlsHandshakeException;
import dev.falkor.orm.spi.TransportConfig;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * How transports describe a failure of the client library in their messages: the causes they
 * look for, the TLS failure explained, the underlying reason of a wrapped exception. Shared so
 * every transport reports the same failure in the same words.
 */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /** The first exception of {@code type} in {@code e}'s cause chain (and their suppressed ones), or null. */
    public static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable s : t.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
        }
        return null;
    }

    /** The exception's message plus, where the client wraps one, the underlying reason. */
    public static String describe(Throwable e) {
        String outer = String.valueOf(e.getMessage());
        String inner = innermostMessage(e);
        return inner.equals(outer) ? outer : outer + " (" + inner + ")";
    }

    /** The simple class name and message of the innermost cause that has a message. */
    public static String innermostMessage(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                last = t;
            }
            if (t.getCause() == null && t.getSuppressed().length > 0 && t.getSuppressed()[0].getMessage() != null) {
                last = t.getSuppressed()[0];
            }
        }
        return last.getClass().getSimpleName() + ": " + last.getMessage();
    }

    /**
     * The typed exception for a failed TLS handshake: an untrusted certificate, a certificate for
     * another host, or anything else (most often a port that does not speak TLS), with what to
     * change.
     *
     * @param ssl the {@link SSLException} found in {@code e}
     * @param e   what the client library threw
     */
    public static TlsHandshakeException tlsFailure(SSLException ssl, Throwable e, TransportConfig config) {
        TlsHandshakeException.Reason reason;
        String why;
        if (cause(e, CertPathBuilderException.class) != null || cause(e, CertPathValidatorException.class) != null
                || String.valueOf(ssl.getMessage()).contains("PKIX")) {
            reason = TlsHandshakeException.Reason.UNTRUSTED_CERTIFICATE;
            why = "the server's certificate is not trusted; configure trustStore(...), trustedCertificates(...) "
                    + "or sslContext(...) with the authority that signed it";
        } else if (isHostNameMismatch(e)) {
            reason = TlsHandshakeException.Reason.HOST_NAME_MISMATCH;
            why = "the server's certificate does not name host '" + config.host() + "'; connect by a name the "
                    + "certificate lists";
        } else {
            reason = TlsHandshakeException.Reason.OTHER;
            why = "does the server speak TLS on port " + config.port() + "?";
        }
        return new TlsHandshakeException("TLS handshake with FalkorDB at " + config + " failed: " + why + " ("
                + innermostMessage(ssl) + ")", reason, e);
    }

    private static boolean isHostNameMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("No subject alternative") || m.contains("No name matching")
                        || m.contains("does not match")) {
                    return true;
                }
            }
        }
        return false;
    }
}
