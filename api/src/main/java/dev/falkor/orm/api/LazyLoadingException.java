package dev.falkor.orm.api;

/**
 * A lazily loaded relationship could not be loaded: the session or mapper it came from is
 * closed, or loading it failed (the cause says why). Load it while the session is open, or
 * fetch it eagerly.
 */
public class LazyLoadingException extends FalkorOrmException {
    private static final long serialVersionUID = 1L;

    public LazyLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
