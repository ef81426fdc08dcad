package kemal.internal.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A character-level radix tree that maps route patterns to payloads and finds the route for a
 * request path.
 *
 * <p>Pattern syntax: {@code :name} matches one or more characters up to the next '/' (the name
 * runs to the next '/' of the pattern, so {@code /file/:name.json} has a parameter called
 * {@code name.json}); {@code *name} matches the rest of the path, slashes included, possibly
 * empty (a bare {@code *} is named {@code ""}). Everything else is matched literally and
 * case-sensitively against the raw path.
 *
 * <p>Priority at each level: static text, then parameters in definition order, then the glob; if
 * a branch fails deeper down, the next one is tried. A single trailing slash is tolerated both
 * ways: {@code /about/} finds {@code /about}, and {@code /about} finds {@code /about/} or
 * {@code /about/*rest} (an optional glob, captured as {@code ""}). When both {@code /about} and
 * {@code /about/} exist, each path gets its own. The tolerance ranks with static text: a route
 * that matches but for the final slash beats a parameter or glob alternative at the same level.
 *
 * <p>Patterns that could never be reached are rejected: duplicates, and patterns differing from
 * an existing one only by parameter or glob names.
 *
 * <p>Thread-safety: {@link #add} is synchronized and publishes each change through volatile
 * fields holding immutable snapshots, so {@link #find} never locks, never sees a half-built node,
 * and keeps finding the routes added before while another thread adds one.
 *
 * @param <T> the payload type
 */
public final class RadixTree<T> {
    private final Node<T> root = new Node<>("");
    /** Routes without parameters, for a one-lookup answer to the most common requests. */
    private volatile Map<String, RouteMatch<T>> staticRoutes = Map.of();
    private volatile int size;
    private volatile int maxParams;
    /** Shape (pattern with names erased) to pattern, to reject routes that could never match. */
    private final Map<String, String> patternsByShape = new HashMap<>();

    /**
     * Adds a route.
     *
     * @throws IllegalArgumentException if {@code pattern} was already added, if it differs from an
     *     added pattern only by parameter or glob names (it could never be matched), or if a
     *     parameter has an empty name
     * @throws NullPointerException if an argument is null
     */
    public synchronized void add(String pattern, T payload) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(payload, "payload");
        RoutePattern parsed = RoutePattern.parse(pattern);
        String existing = patternsByShape.get(parsed.shape());
        if (existing != null) {
            if (existing.equals(pattern)) throw new IllegalArgumentException("Duplicate route: " + pattern);
            throw new IllegalArgumentException(
                    "Route " + pattern + " conflicts with " + existing + ": they match the same paths");
        }
        Node<T> node = root;
        for (RoutePattern.Token token : parsed.tokens()) {
            node = switch (token.kind()) {
                case STATIC -> insertStatic(node, token.text());
                case PARAM -> insertParam(node, token.text());
                case GLOB -> insertGlob(node, token.text());
            };
        }
        // Different shapes always end on different nodes, so this one has no leaf yet.
        Leaf<T> leaf = new Leaf<>(payload, parsed);
        if (parsed.paramNames().length > maxParams) maxParams = parsed.paramNames().length;
        node.leaf = leaf;
        if (parsed.isStatic()) {
            Map<String, RouteMatch<T>> copy = new HashMap<>(staticRoutes);
            copy.put(pattern, leaf.staticMatch);
            staticRoutes = copy;
        }
        patternsByShape.put(parsed.shape(), pattern);
        size++;
    }

    /**
     * Finds the route for {@code path}, a raw request path without query string. Routes without
     * parameters return a shared, immutable match, so finding them allocates nothing.
     *
     * @return the match, or null if no route matches
     * @throws NullPointerException if {@code path} is null
     */
    public RouteMatch<T> find(String path) {
        RouteMatch<T> match = staticRoutes.get(path);
        if (match != null) return match;
        return new PathMatcher<T>(path, maxParams).search(root);
    }

    /** The route whose pattern is exactly {@code path} and has no parameters, or null: one map lookup. */
    public RouteMatch<T> findStatic(String path) {
        return staticRoutes.get(path);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of routes added. */
    public int size() {
        return size;
    }

    /** Walks or extends the static path {@code text} below {@code node}, splitting a node if needed. */
    private Node<T> insertStatic(Node<T> node, String text) {
        while (!text.isEmpty()) {
            Edges<T> edges = node.edges;
            int index = edges.staticIndex(text.charAt(0));
            if (index < 0) {
                Node<T> child = new Node<>(text);
                node.edges = edges.withStatic(child);
                return child;
            }
            Node<T> child = edges.staticAt(index);
            int common = commonPrefixLength(child.key, text);
            if (common < child.key.length()) {
                child = split(node, index, child, common);
            }
            node = child;
            text = text.substring(common);
        }
        return node;
    }

    /**
     * Replaces {@code child} by a new node holding the first {@code at} characters of its key,
     * whose single child is a copy of {@code child} holding the rest. The old node is left intact
     * for readers already inside it; from the parent on, readers see the new pair.
     */
    private Node<T> split(Node<T> parent, int index, Node<T> child, int at) {
        Node<T> tail = new Node<>(child.key.substring(at), child.edges, child.leaf);
        Node<T> head = new Node<>(child.key.substring(0, at), Edges.<T>empty().withStatic(tail), null);
        parent.edges = parent.edges.withStaticReplaced(index, head);
        return head;
    }

    private Node<T> insertParam(Node<T> node, String name) {
        Edges<T> edges = node.edges;
        Node<T> param = edges.param(name);
        if (param == null) {
            param = new Node<>(name);
            node.edges = edges.withParam(param);
        }
        return param;
    }

    private Node<T> insertGlob(Node<T> node, String name) {
        Edges<T> edges = node.edges;
        Node<T> glob = edges.glob;
        // A glob of another name here would have the same shape, which add() already rejected.
        if (glob == null) {
            glob = new Node<>(name);
            node.edges = edges.withGlob(glob);
        }
        return glob;
    }

    private static int commonPrefixLength(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int i = 0;
        while (i < max && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }
}
