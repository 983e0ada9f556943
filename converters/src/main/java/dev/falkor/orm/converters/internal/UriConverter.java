package dev.falkor.orm.converters.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** {@link URI} as {@link URI#toString()}. */
public final class UriConverter extends StringStoredConverter<URI> {

    /** For {@link java.util.ServiceLoader}. */
    public UriConverter() {
    }

    @Override
    public Class<URI> javaType() {
        return URI.class;
    }

    @Override
    String format(URI value) {
        return value.toString();
    }

    @Override
    URI parse(String text, Class<?> targetType) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot read java.net.URI from the stored string \"" + text + "\": "
                    + e.getMessage(), e);
        }
    }
}
