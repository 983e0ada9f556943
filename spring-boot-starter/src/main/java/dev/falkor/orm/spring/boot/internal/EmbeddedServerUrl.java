package dev.falkor.orm.spring.boot.internal;

/**
 * The URL of the embedded server the auto-configuration started; the transport configuration
 * connects there instead of {@code falkor.orm.url}. Not API.
 *
 * @param url the server's {@code redis://} URL
 */
public record EmbeddedServerUrl(String url) {
}
