package dev.falkor.orm.core.internal.query;

import dev.falkor.orm.api.MappingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parser behind {@link PartTree#parse}: one instance per method name. */
final class PartTreeParser {
    private static final Pattern PREFIX = Pattern.compile(
            "^(find|read|get|query|search|stream|count|exists|delete|remove)(\\p{Lu}.*?)??By(.*)$", Pattern.DOTALL);
    private static final Map<String, QueryKind> VERBS = Map.of(
            "find", QueryKind.FIND, "read", QueryKind.FIND, "get", QueryKind.FIND, "query", QueryKind.FIND,
            "search", QueryKind.FIND, "stream", QueryKind.STREAM, "count", QueryKind.COUNT,
            "exists", QueryKind.EXISTS, "delete", QueryKind.DELETE, "remove", QueryKind.DELETE);
    private static final Pattern DISTINCT = Pattern.compile("Distinct(?=\\p{Lu}|$)");
    private static final Pattern LIMIT = Pattern.compile("^(?:Distinct)?(First|Top)(\\d*)(?=\\p{Lu}|$)");
    private static final Pattern ORDER_BY = Pattern.compile("OrderBy(?=\\p{Lu}|$)");
    private static final Pattern ALL_IGNORE_CASE_AT_END = Pattern.compile("^(.*)AllIgnor(?:e|ing)Case$", Pattern.DOTALL);
    private static final Pattern ALL_IGNORE_CASE = Pattern.compile("AllIgnor(?:e|ing)Case(?=\\p{Lu})");
    private static final Pattern IGNORE_CASE_AT_END = Pattern.compile("^(.+?)(IgnoreCase|IgnoringCase)$", Pattern.DOTALL);
    private static final Pattern IGNORE_CASE = Pattern.compile("Ignor(?:e|ing)Case(?=\\p{Lu})");
    private static final Pattern OR = Pattern.compile("(?<=.)Or(?=\\p{Lu})");
    private static final Pattern AND = Pattern.compile("(?<=.)And(?=\\p{Lu})");
    private static final Pattern SORT_SPLIT = Pattern.compile("(?<=Asc|Desc)(?=\\p{Lu})");
    private static final Pattern SORT_KEY = Pattern.compile("^(\\p{Lu}.*?)(Asc|Desc)?$", Pattern.DOTALL);

    /** A keyword and its operator, longest keywords first so {@code IsNotNull} wins over {@code Null}. */
    private record Keyword(String word, Operator operator) { }

    private static final List<Keyword> KEYWORDS = keywords();

    private final String methodName;
    private final Class<?> domainClass;
    private final PropertyPaths paths;
    private int nextArgument;

    PartTreeParser(String methodName, Class<?> domainClass, DomainModel model) {
        this.methodName = methodName;
        this.domainClass = domainClass;
        this.paths = new PropertyPaths(model, domainClass);
    }

    PartTree parse() {
        Matcher m = PREFIX.matcher(methodName);
        if (!m.matches()) {
            throw error("not a derived query name; expected find…By, read…By, get…By, query…By, search…By, "
                    + "stream…By, count…By, exists…By, delete…By or remove…By followed by conditions");
        }
        QueryKind kind = VERBS.get(m.group(1));
        Subject subject = subject(kind, m.group(2) == null ? "" : m.group(2));
        String rest = m.group(3);
        if (!rest.isEmpty() && !Character.isUpperCase(rest.charAt(0))) {
            throw error("expected an upper-case property name after 'By', found '" + rest + "'");
        }
        String criteriaText = rest;
        List<SortKey> sort = List.of();
        Matcher order = ORDER_BY.matcher(rest);
        if (order.find()) {
            int at = order.start();
            if (order.find()) {
                throw error("OrderBy appears more than once");
            }
            criteriaText = rest.substring(0, at);
            sort = sort(rest.substring(at + "OrderBy".length()));
        }
        return new PartTree(methodName, domainClass, subject, criteria(criteriaText), sort);
    }

    private Subject subject(QueryKind kind, String text) {
        boolean distinct = DISTINCT.matcher(text).find();
        Matcher limit = LIMIT.matcher(text);
        OptionalInt maxResults = OptionalInt.empty();
        if (limit.find()) {
            if (kind != QueryKind.FIND && kind != QueryKind.STREAM) {
                throw error(limit.group(1) + limit.group(2) + " limits results, which a "
                        + kind.name().toLowerCase(java.util.Locale.ROOT) + " query cannot do; "
                        + "only find/read/get/query/search/stream queries take First or Top");
            }
            String digits = limit.group(2);
            int n;
            try {
                n = digits.isEmpty() ? 1 : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw error("the limit " + limit.group(1) + digits + " is too large (at most " + Integer.MAX_VALUE + ")");
            }
            if (n < 1) {
                throw error("the limit " + limit.group(1) + digits + " must be at least 1");
            }
            maxResults = OptionalInt.of(n);
        }
        return new Subject(kind, distinct, maxResults);
    }

    private Criteria criteria(String text) {
        if (text.isEmpty()) {
            return Criteria.NONE;
        }
        boolean allIgnoreCase = false;
        Matcher all = ALL_IGNORE_CASE_AT_END.matcher(text);
        if (all.matches()) {
            allIgnoreCase = true;
            text = all.group(1);
            if (text.isEmpty()) {
                throw error("AllIgnoreCase needs at least one condition before it");
            }
        }
        Matcher misplaced = ALL_IGNORE_CASE.matcher(text);
        if (misplaced.find()) {
            throw error(misplaced.group() + " must come after the last condition (just before OrderBy), "
                    + "but it is followed by '" + text.substring(misplaced.end()) + "'");
        }
        List<AndGroup> groups = new ArrayList<>();
        for (String orText : OR.split(text, -1)) {
            List<Part> parts = new ArrayList<>();
            for (String partText : AND.split(orText, -1)) {
                parts.add(part(partText, allIgnoreCase));
            }
            groups.add(new AndGroup(parts));
        }
        return new Criteria(groups, allIgnoreCase);
    }

    private Part part(String text, boolean allIgnoreCase) {
        boolean explicitIgnoreCase = false;
        Matcher ic = IGNORE_CASE_AT_END.matcher(text);
        if (ic.matches()) {
            explicitIgnoreCase = true;
            text = ic.group(1);
        }
        Matcher misplaced = IGNORE_CASE.matcher(text);
        if (misplaced.find()) {
            throw error(misplaced.group() + " must be the last word of a condition, as in NameStartingWithIgnoreCase, "
                    + "but in '" + text + "' it is followed by '" + text.substring(misplaced.end()) + "'");
        }
        PropertyPaths.Resolution firstFailure = null;
        for (Keyword k : KEYWORDS) {
            if (text.length() > k.word().length() && text.endsWith(k.word())) {
                PropertyPaths.Resolution r = paths.resolve(text.substring(0, text.length() - k.word().length()));
                if (r.ok()) {
                    return build(r.path(), k.operator(), k.word(), explicitIgnoreCase, allIgnoreCase);
                }
                if (firstFailure == null) {
                    firstFailure = r;
                }
            }
        }
        PropertyPaths.Resolution whole = paths.resolve(text);
        if (whole.ok()) {
            return build(whole.path(), Operator.EQUALS, null, explicitIgnoreCase, allIgnoreCase);
        }
        throw error((firstFailure != null ? firstFailure : whole).problem());
    }

    private Part build(List<PropertyRef> path, Operator op, String keyword, boolean explicitIgnoreCase,
                       boolean allIgnoreCase) {
        PropertyRef leaf = path.get(path.size() - 1);
        String what = keyword == null ? "equality" : keyword;
        String prop = "'" + Part.dotPath(path) + "' is " + describe(leaf);
        switch (op) {
            case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, BEFORE, AFTER, BETWEEN -> {
                if (leaf.collection() || leaf.relationship() || leaf.isBoolean()) {
                    throw error(what + " needs a single comparable value (number, string, date), but " + prop);
                }
            }
            case LIKE, NOT_LIKE, STARTING_WITH, ENDING_WITH, MATCHES -> {
                if (!leaf.isString()) {
                    throw error(what + " needs a String property, but " + prop);
                }
            }
            case CONTAINING, NOT_CONTAINING -> {
                if (!leaf.isString() && !leaf.collection()) {
                    throw error(what + " needs a String or collection property, but " + prop);
                }
            }
            case IS_EMPTY, IS_NOT_EMPTY -> {
                // on a relationship, to-one or to-many: whether there is such a relationship
                if (!leaf.isString() && !leaf.collection() && !leaf.relationship()) {
                    throw error(what + " needs a String, collection or relationship property, but " + prop);
                }
            }
            case IN, NOT_IN -> {
                if (leaf.collection()) {
                    throw error(what + " compares one value with the argument's elements, but " + prop
                            + "; use Containing to test for an element");
                }
            }
            case TRUE, FALSE -> {
                if (!leaf.isBoolean()) {
                    throw error(what + " needs a boolean property, but " + prop);
                }
            }
            default -> { }
        }
        boolean ignoreCase = false;
        if (explicitIgnoreCase) {
            if (!op.supportsIgnoreCase()) {
                throw error("IgnoreCase cannot be combined with " + what + " (there is no value to compare) in '"
                        + Part.dotPath(path) + "'");
            }
            if (!leaf.isString()) {
                throw error("IgnoreCase needs a String property, but " + prop);
            }
            ignoreCase = true;
        } else if (allIgnoreCase) {
            ignoreCase = op.supportsIgnoreCase() && leaf.isString();
        }
        Part part = new Part(path, op, ignoreCase, nextArgument);
        nextArgument += op.argumentCount();
        return part;
    }

    private List<SortKey> sort(String text) {
        if (text.isEmpty()) {
            throw error("OrderBy needs at least one property, as in OrderByLastNameAsc");
        }
        List<SortKey> keys = new ArrayList<>();
        for (String keyText : SORT_SPLIT.split(text, -1)) {
            Matcher k = SORT_KEY.matcher(keyText);
            if (!k.matches()) {
                throw error("cannot read the OrderBy key '" + keyText + "'");
            }
            PropertyPaths.Resolution r = paths.resolve(k.group(1));
            if (!r.ok()) {
                throw error("OrderBy: " + r.problem());
            }
            PropertyRef leaf = r.path().get(r.path().size() - 1);
            if (leaf.relationship()) {
                throw error("OrderBy cannot sort by the relationship '" + Part.dotPath(r.path())
                        + "'; sort by one of its target's properties instead");
            }
            if (leaf.collection()) {
                throw error("OrderBy cannot sort by the collection property '" + Part.dotPath(r.path()) + "'");
            }
            keys.add(new SortKey(r.path(), "Desc".equals(k.group(2)) ? SortKey.Direction.DESC : SortKey.Direction.ASC));
        }
        return keys;
    }

    private static String describe(PropertyRef p) {
        if (p.relationship()) {
            return p.collection() ? "a relationship collection to " + p.targetEntity().getSimpleName()
                    : "a relationship to " + p.targetEntity().getSimpleName();
        }
        return p.collection() ? "a collection (" + p.typeName() + ")" : p.typeName();
    }

    private MappingException error(String problem) {
        return new MappingException("Derived query " + methodName + " on " + domainClass.getName() + ": " + problem);
    }

    private static List<Keyword> keywords() {
        List<Keyword> list = new ArrayList<>();
        for (Operator op : Operator.values()) {
            for (String word : op.keywords()) {
                list.add(new Keyword(word, op));
            }
        }
        list.sort(Comparator.comparingInt((Keyword k) -> k.word().length()).reversed());
        return List.copyOf(list);
    }
}
