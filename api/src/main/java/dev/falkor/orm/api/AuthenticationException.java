package dev.falkor.orm.api;

/**
 * The server refused the credentials ({@code WRONGPASS}), or it requires a password and none was
 * configured ({@code NOAUTH}). Raised while a connection is set up, before the command is sent,
 * so {@link #outcome()} is {@link Outcome#NOT_SENT}: nothing was applied. Retrying does not help;
 * fix the user name or password in the transport configuration.
 *
 * <p>The message never contains the password.
 */
public class AuthenticationException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, Throwable cause) {
        super(message, Outcome.NOT_SENT, cause);
    }
}
