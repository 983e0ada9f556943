package dev.falkor.orm.core.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the camel-case property text of a method name ({@code EmployerAddressCity}) to a
 * property path, the way Spring Data does: the whole text as one property first; otherwise split
 * at an upper-case letter, longest head first, and if the head is a relationship resolve the
 * tail on its target entity. An underscore ({@code Employer_Name}) forces a split.
 *
 * <p>After a relationship whose elements are a relationship-properties class
 * ({@link PropertyRef.Hop#edgeClass()}, e.g. {@code List<Employment> jobs}), the tail is first
 * looked up among the properties of the relationship itself ({@code JobsRole}: {@code role} of
 * {@code Employment}), then among those of the target entity ({@code JobsName}: {@code name} of
 * {@code Company}); a name on both means the relationship's.
 */
final class PropertyPaths {

    /** A resolved path, or the reason there is none. */
    record Resolution(List<PropertyRef> path, String problem) {
        static Resolution of(List<PropertyRef> path) {
            return new Resolution(List.copyOf(path), null);
        }

        static Resolution failed(String problem) {
            return new Resolution(List.of(), problem);
        }

        boolean ok() {
            return problem == null;
        }
    }

    private final DomainModel model;
    private final Class<?> root;

    PropertyPaths(DomainModel model, Class<?> root) {
        this.model = model;
        this.root = root;
    }

    /** Resolves {@code text} (starting with an upper-case letter) against the root class. */
    Resolution resolve(String text) {
        if (text.isEmpty()) {
            return Resolution.failed("a property name is missing");
        }
        if (text.indexOf('_') < 0) {
            return camel(root, null, text, List.of());
        }
        String[] pieces = text.split("_", -1);
        List<PropertyRef> path = new ArrayList<>();
        Class<?> owner = root;
        Class<?> edge = null;
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i].isEmpty()) {
                return Resolution.failed("empty property name in '" + text + "' (check the underscores)");
            }
            Resolution r = camel(owner, edge, pieces[i], path);
            if (!r.ok()) {
                return r;
            }
            path.addAll(r.path());
            if (i < pieces.length - 1) {
                PropertyRef last = path.get(path.size() - 1);
                if (!last.relationship()) {
                    return Resolution.failed("'" + Part.dotPath(path) + "' is not a relationship, so '"
                            + pieces[i + 1] + "' cannot be reached through it");
                }
                owner = last.targetEntity();
                edge = last.hop().edgeClass();
            }
        }
        return Resolution.of(path);
    }

    /**
     * Resolves {@code text} on {@code owner}; {@code edge} is the relationship-properties class
     * of the relationship just walked (looked up first), or null.
     */
    private Resolution camel(Class<?> owner, Class<?> edge, String text, List<PropertyRef> via) {
        if (edge != null) {
            Optional<PropertyRef> onEdge = lookup(edge, text);
            if (onEdge.isPresent()) {
                return Resolution.of(List.of(onEdge.get())); // relationship properties are never relationships
            }
        }
        Optional<PropertyRef> whole = lookup(owner, text);
        if (whole.isPresent()) {
            return Resolution.of(List.of(whole.get()));
        }
        Resolution deeper = null;
        for (int i = text.length() - 1; i > 0; i--) {
            if (!Character.isUpperCase(text.charAt(i))) {
                continue;
            }
            Optional<PropertyRef> head = lookup(owner, text.substring(0, i));
            if (head.isEmpty() || !head.get().relationship()) {
                continue;
            }
            List<PropertyRef> headPath = new ArrayList<>(via);
            headPath.add(head.get());
            Resolution tail = camel(head.get().targetEntity(), head.get().hop().edgeClass(), text.substring(i),
                    headPath);
            if (tail.ok()) {
                List<PropertyRef> path = new ArrayList<>();
                path.add(head.get());
                path.addAll(tail.path());
                return Resolution.of(path);
            }
            if (deeper == null) {
                deeper = tail; // the longest head that is a relationship explains the failure best
            }
        }
        if (deeper != null) {
            return deeper;
        }
        return Resolution.failed(noProperty(owner, edge, uncapitalize(text), via));
    }

    private Optional<PropertyRef> lookup(Class<?> owner, String text) {
        Optional<PropertyRef> p = model.property(owner, uncapitalize(text));
        if (p.isEmpty() && text.length() > 1 && Character.isUpperCase(text.charAt(1))) {
            p = model.property(owner, text); // like java.beans.Introspector: "URL" stays "URL"
        }
        return p;
    }

    private String noProperty(Class<?> owner, Class<?> edge, String name, List<PropertyRef> via) {
        StringBuilder sb = new StringBuilder("no property '").append(name).append('\'');
        if (!via.isEmpty() || owner != root) {
            sb.append(" on ").append(owner.getName());
            if (edge != null) {
                sb.append(" or on its relationship ").append(edge.getName());
            }
            if (!via.isEmpty()) {
                sb.append(" (reached through '").append(Part.dotPath(via)).append("')");
            }
        }
        sb.append("; known properties: ").append(String.join(", ", model.propertyNames(owner)));
        if (edge != null) {
            sb.append("; relationship properties: ").append(String.join(", ", model.propertyNames(edge)));
        }
        return sb.toString();
    }

    static String uncapitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toLowerCase(first))
                .append(s, Character.charCount(first), s.length()).toString();
    }
}
