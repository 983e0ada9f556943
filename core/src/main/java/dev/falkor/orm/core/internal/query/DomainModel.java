package dev.falkor.orm.core.internal.query;

import java.util.List;
import java.util.Optional;

/**
 * What the derived-query parser needs to know about the mapped entities: which properties a
 * class has and what they are. The core's mapping metadata implements it; tests use a
 * hand-made model.
 */
public interface DomainModel {

    /**
     * The mapped property with this Java name (first letter lower-case) on {@code owner}, or
     * empty if there is none.
     */
    Optional<PropertyRef> property(Class<?> owner, String javaName);

    /** Java names of all mapped properties of {@code owner}, for error messages. */
    List<String> propertyNames(Class<?> owner);
}
